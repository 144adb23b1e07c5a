// Calling a method that does not exist is a runtime error.
// expect-exit: 1
print("before")
// expect: before
"abc".no_such_method()
print("after")
