// return outside a function is a syntax error: nothing runs.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
return 1
