fn inc(x) { x + 1 }
set fs = [inc, fn (x) { x * 2 }]
print(fs[0](1), fs[1](5))
// expect: 2 10
set table = {go: inc}
print(table.go(9))
// expect: 10
fn apply(f, v) { f(v) }
print(apply(inc, 41))
// expect: 42
