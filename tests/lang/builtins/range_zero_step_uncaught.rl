// expect-exit: 1
// expect-stderr: ArgumentError
print("before")
// expect: before
print(range(1, 10, 0))
