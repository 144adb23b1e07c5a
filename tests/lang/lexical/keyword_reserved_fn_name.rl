// "for" is a keyword and can never be a function name.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
fn for() { 1 }
