// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
try { 1 } catch e
