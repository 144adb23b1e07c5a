print((3.7).floor(), (3.2).ceil(), (-3.5).floor(), (-3.5).ceil())
// expect: 3 4 -4 -3
print((5).floor(), (5).ceil(), (-0.5).ceil(), (0.5).floor())
// expect: 5 5 0 0
set x = 2.999
print(x.floor(), x.ceil())
// expect: 2 3
