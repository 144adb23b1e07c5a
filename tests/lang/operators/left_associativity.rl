print(10 - 3 - 2, 100 / 10 / 2, 16 / 4 * 2)
// expect: 5 5 8
print(2 * 3 % 4, 7 % 4 % 2)
// expect: 2 1
print("a" + 1 + 2, 1 + 2 + "a")
// expect: a12 3a
print(nil ?? nil ?? 3)
// expect: 3
