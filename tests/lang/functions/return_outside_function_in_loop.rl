// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
for x in [1, 2] { return x }
