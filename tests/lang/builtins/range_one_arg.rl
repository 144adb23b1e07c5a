print(range(0), range(1), range(5))
// expect: [] [0] [0, 1, 2, 3, 4]
print(type_of(range(3)), range(3) == [0, 1, 2], range(10).length)
// expect: array true 10
