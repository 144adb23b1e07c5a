fn apply(f: fn(number) -> number, x: number) -> number { f(x) }
print(apply(fn (n) { n * 3 }, 4))
// expect: 12
print(try { apply(5, 4) } catch e { e.kind })
// expect: TypeError
