// decision: a code point above U+10FFFF is a syntax error.
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("\u{110000}")
