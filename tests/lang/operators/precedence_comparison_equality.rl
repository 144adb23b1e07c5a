// Comparison binds tighter than equality, which binds tighter than &&.
print(1 < 2 == 2 < 3)
// expect: true
print(1 + 1 == 2, 2 * 3 > 5, 1 + 2 <= 3)
// expect: true true true
print(1 == 1 != false)
// expect: true
