// A block evaluates to its last expression.
set v = {
  set tmp = 2
  tmp * 3
}
print(v)
// expect: 6
print({ print("side effect"); "last" })
// expect: side effect
// expect: last
