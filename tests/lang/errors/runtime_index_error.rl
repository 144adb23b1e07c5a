// expect-exit: 1
// expect-stderr: runtime_index_error.rl:4: IndexError
set xs = [1, 2, 3]
print(xs.get(10))
