print("hello".index_of("l"), "hello".index_of("lo"), "hello".index_of("z"))
// expect: 2 3 -1
print("héllo".index_of("l"), "😀ab".index_of("b"))
// expect: 2 2
// decision: the empty string is found at index 0 (as JS indexOf and Python find).
print("abc".index_of(""), "".index_of("a"))
// expect: 0 -1
