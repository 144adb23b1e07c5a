print([1].append([2, 3]), [].append([]), [1].append([]))
// expect: [1, 2, 3] [] [1]
print([1].append([[2]]))
// expect: [1, [2]]
