set x = 4
print(-x, -(-x), -(1 + 2), -0, -1.5)
// expect: -4 4 -3 0 -1.5
fn kind(f) { try { f(); "no error" } catch e { e.kind } }
print(kind(fn () { -"a" }), kind(fn () { -nil }), kind(fn () { -[1] }), kind(fn () { -true }))
// expect: TypeError TypeError TypeError TypeError
