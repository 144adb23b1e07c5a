print("hello".length, "hello".length(), "".length)
// expect: 5 5 0
print("日本".length, "😀😀".length, "e\u{301}".length)
// expect: 2 2 2
set s = "abc"
print(s.length + 1)
// expect: 4
