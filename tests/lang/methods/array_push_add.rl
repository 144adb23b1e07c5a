set xs = [1]
print(xs.push(2), xs.add(2), xs.push([3]), xs)
// expect: [1, 2] [1, 2] [1, [3]] [1]
print([].push(nil))
// expect: [nil]
