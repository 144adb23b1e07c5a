// The closing quote is escaped, so the string never ends.
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("abc\")
