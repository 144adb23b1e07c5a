// decision: range(n) with n <= 0 is empty (as Python).
print(range(-3), range(0))
// expect: [] []
