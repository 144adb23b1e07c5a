// expect-exit: 1
// expect-stderr: runtime_zero_division_error.rl:4: ZeroDivisionError
set n = 0
print(5 % n)
