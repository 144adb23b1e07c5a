print(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 > -5)
// expect: true false true false true
print(0.1 + 0.2 > 0.3, -0 < 0, -0 <= 0)
// expect: true false true
print(1e308 * 10 > 1e308, -1.5 < -1)
// expect: true true
