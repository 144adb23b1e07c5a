// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
set f = fn (x)
