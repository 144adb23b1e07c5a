// expect-exit: 1
fn two(a, b) { a }
print("before")
// expect: before
two(1)
print("not reached")
