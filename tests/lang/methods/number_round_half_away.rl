// round() rounds half away from zero.
print((0.5).round(), (1.5).round(), (2.5).round(), (3.5).round())
// expect: 1 2 3 4
print((-0.5).round(), (-1.5).round(), (-2.5).round())
// expect: -1 -2 -3
print((2.4).round(), (2.6).round(), (-2.4).round(), (-2.6).round())
// expect: 2 3 -2 -3
print((7).round(), (-0.4).round(), (0.49999999999999994).round())
// expect: 7 0 0
