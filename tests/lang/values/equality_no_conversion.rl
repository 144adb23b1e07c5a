// No conversions between types in == and !=, and no errors either.
print(1 == "1", 0 == false, 0 == "", nil == false, nil == 0, 1 == true)
// expect: false false false false false false
print(1 != "1", nil != false)
// expect: true true
print([1] == 1, "[1]" == [1], {} == nil, [] == "")
// expect: false false false false
