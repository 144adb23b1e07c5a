// expect-exit: 2
// expect-stderr: syntax error
print("before")
set a = 1 @ 2
