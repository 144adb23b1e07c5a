// The whole program is parsed first: a syntax error anywhere means nothing runs.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
fn never_called() {
  1 +
}
