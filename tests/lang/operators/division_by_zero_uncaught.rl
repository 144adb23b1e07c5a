// expect-exit: 1
// expect-stderr: ZeroDivisionError
set d = 0
print(10 / 2)
// expect: 5
print(10 / d)
print("not reached")
