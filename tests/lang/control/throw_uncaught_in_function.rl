// expect-exit: 1
// expect-stderr: exploded
fn explode() { throw "exploded" }
print("before")
// expect: before
explode()
print("after")
