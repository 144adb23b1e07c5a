// expect-exit: 2
// expect-stderr: syntax error
print("before")
/* never closed
print("after")
