// expect-exit: 1
print("before")
// expect: before
dispatch "nothing" { :a: fn (v) { 1 } }
print("after")
