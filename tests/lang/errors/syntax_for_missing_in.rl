// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
for x [1, 2] { x }
