set xs = [1, 2, 3]
print(xs.reverse(), xs, [].reverse(), [[1, 2]].reverse())
// expect: [3, 2, 1] [1, 2, 3] [] [[1, 2]]
