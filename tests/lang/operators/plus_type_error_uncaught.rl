// expect-exit: 1
// expect-stderr: TypeError
print("before")
// expect: before
set x = 1 + nil
print("after")
