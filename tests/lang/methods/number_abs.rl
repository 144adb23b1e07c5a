print((-4).abs(), (4).abs(), (-2.5).abs(), (0).abs(), (-0).abs())
// expect: 4 4 2.5 0 0
set n = -7
print(n.abs(), -n.abs())
// expect: 7 -7
