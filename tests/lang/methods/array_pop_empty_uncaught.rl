// expect-exit: 1
// expect-stderr: IndexError
set xs = [1]
set xs = xs.pop()
print(xs)
// expect: []
set xs = xs.pop()
