// Unary ! and - bind tighter than binary operators but looser than postfix.
set x = -5
print(-2 * 3, -x.abs(), -(x).abs())
// expect: -6 -5 -5
print((-x).abs(), - -3, -(-3))
// expect: 5 3 3
print(!true == false, !1 == 2, !(1 == 2))
// expect: true false true
print(-2 + 3, -(2 + 3))
// expect: 1 -5
