print("hello".contains("ell"), "hello".contains("L"), "hello".contains(""), "".contains("a"))
// expect: true false true false
print("héllo".contains("él"))
// expect: true
