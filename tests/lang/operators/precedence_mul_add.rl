print(1 + 2 * 3, (1 + 2) * 3)
// expect: 7 9
print(10 - 6 / 2, 10 % 4 + 1, 2 + 10 % 4)
// expect: 7 3 4
print(2 * 3 + 4 * 5)
// expect: 26
