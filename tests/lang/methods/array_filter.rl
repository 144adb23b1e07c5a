set xs = [5, 6, 7, 8]
print(xs.filter(fn (x) { x % 2 == 0 }))
// expect: [6, 8]
print(xs.filter(fn (x, i) { i > 1 }))
// expect: [7, 8]
// The callback's result is used for its truthiness.
print([0, 1, "", "a", nil, [], [0], false].filter(fn (x) { x }))
// expect: [1, "a", [0]]
print(xs.filter(fn (x) { false }))
// expect: []
