// expect-exit: 1
// expect-stderr: IndexError
set xs = [1, 2]
print(xs[1])
// expect: 2
print(xs[2])
