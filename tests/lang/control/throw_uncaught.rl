// expect-exit: 1
// expect-stderr: boom
print("before")
// expect: before
throw "boom"
print("after")
