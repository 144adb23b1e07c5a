// expect-exit: 1
// expect-stderr: runtime_argument_error.rl:3: ArgumentError
print(range(0, 3, 0))
