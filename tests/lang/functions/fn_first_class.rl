fn compose(f, g) { fn (x) { f(g(x)) } }
fn inc(x) { x + 1 }
fn dbl(x) { x * 2 }
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
// expect: 11 12
print([fn (x) { x }, fn (x) { x * 2 }][1](5))
// expect: 10
print({f: fn () { "hi" }}.f())
// expect: hi
fn pick(name) { if name == "inc" { inc } else { dbl } }
print(pick("inc")(1), pick("dbl")(1))
// expect: 2 2
