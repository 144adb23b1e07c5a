set x = 5
set v = if x > 3 { "big" } else { "small" }
print(v)
// expect: big
print(if x < 3 { "big" } else { "small" })
// expect: small
print((if true { 1 } else { 2 }) + 10)
// expect: 11
