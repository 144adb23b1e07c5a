// All numbers are IEEE-754 doubles.
print(7 / 2)
// expect: 3.5
print(0.1 + 0.2 == 0.3)
// expect: false
print(9007199254740993)
// expect: 9007199254740992
print(9007199254740992 + 1)
// expect: 9007199254740992
print(1 == 1.0, 2 == 2.0000000000000001)
// expect: true true
print(1e308 * 10)
// expect: Infinity
