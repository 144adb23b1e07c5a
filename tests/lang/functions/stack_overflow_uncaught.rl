// expect-exit: 1
// expect-stderr: StackOverflowError
fn down(n) { down(n + 1) }
print("before")
// expect: before
down(0)
