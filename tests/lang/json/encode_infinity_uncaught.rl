// expect-exit: 1
// expect-stderr: JSONError
print("before")
// expect: before
print(json_encode({big: 1e308 * 10}))
