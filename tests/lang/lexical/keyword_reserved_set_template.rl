// "template" is a keyword and can never be an identifier.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
set template = 1
