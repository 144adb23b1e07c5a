print([].length, [1].length, [1, [2, 3]].length)
// expect: 0 1 2
set xs = [1, 2, 3]
print(xs.length, xs.push(4).length, xs.length)
// expect: 3 4 3
