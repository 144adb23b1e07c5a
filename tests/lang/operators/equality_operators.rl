print(1 != 2, "a" != "a", nil != nil, [1] != [1])
// expect: true false false false
print(type_of(1 == 1), type_of(1 != 1))
// expect: bool bool
print((1 == 1) == true, [1 == 1, 2 != 2])
// expect: true [true, false]
