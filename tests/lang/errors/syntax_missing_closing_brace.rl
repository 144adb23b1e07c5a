// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
fn f() {
  1
