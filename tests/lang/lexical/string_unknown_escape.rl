// An unknown escape is a syntax error.
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("a\qb")
