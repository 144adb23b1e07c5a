// replace acts on every match (left to right, without overlaps).
print("aaa".replace("a", "b"))
// expect: bbb
print("aaaa".replace("aa", "b"), "aaa".replace("aa", "b"))
// expect: bb ba
print("a-b-c".replace("-", ""))
// expect: abc
print("hello".replace("x", "y"))
// expect: hello
print("cat hat".replace("at", "og"))
// expect: cog hog
print("aXbX".replace("X", "XX"))
// expect: aXXbXX
