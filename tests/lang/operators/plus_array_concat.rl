set a = [1]
print(a + [2, 3], [] + [], [[1]] + [[2]])
// expect: [1, 2, 3] [] [[1], [2]]
print(a)
// expect: [1]
print(["x"] + [nil, true])
// expect: ["x", nil, true]
