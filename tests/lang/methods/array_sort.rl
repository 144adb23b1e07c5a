// Numbers sort numerically, strings by code point.
print([10, 9, 1, 100].sort())
// expect: [1, 9, 10, 100]
print(["b", "B", "a", "é", "z"].sort())
// expect: ["B", "a", "b", "z", "é"]
print([-1.5, 3, -10, 0].sort(), [].sort())
// expect: [-10, -1.5, 0, 3] []
set xs = [3, 1, 2]
set s = xs.sort()
print(xs, s)
// expect: [3, 1, 2] [1, 2, 3]
print(try { [1, "a"].sort() } catch e { e.kind })
// expect: TypeError
