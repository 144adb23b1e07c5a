// expect-exit: 1
// expect-stderr: StackOverflowError
fn f(n) { f(n + 1) + 1 }
f(0)
