// Assignment is only "set name = value"; "=" is not an operator.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
set x = 1
x = 5
