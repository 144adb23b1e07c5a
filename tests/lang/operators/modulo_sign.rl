// % takes the sign of the dividend (as C's fmod).
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
// expect: 1 -1 1 -1
print(5.5 % 2, -5.5 % 2, 6 % 3, -6 % 3)
// expect: 1.5 -1.5 0 0
print(0.5 % 0.2, 3 % 5, -3 % 5)
// expect: 0.09999999999999998 3 -3
