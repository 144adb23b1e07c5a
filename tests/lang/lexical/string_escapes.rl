print("quote \" and backslash \\")
// expect: quote " and backslash \
print("one\ntwo")
// expect: one
// expect: two
print(["tab\t", "cr\r", "nul\0", "nl\n"])
// expect: ["tab\t", "cr\r", "nul\u0000", "nl\n"]
print("a\tb".length, "\r\n".length, "\0".length, "a\0b".length)
// expect: 3 2 1 3
print("\\n".length)
// expect: 2
