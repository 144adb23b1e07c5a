// The error happens when the declaration is evaluated, even if the function is never called.
// expect-exit: 1
print("before")
// expect: before
fn f(x: NoSuchType) { x }
print("after")
