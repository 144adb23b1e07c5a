// expect-exit: 1
print("before")
// expect: before
fn f() -> Mystery { 1 }
print("after")
