// "in" is a keyword and can never be a parameter name.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
fn f(in) { 1 }
