set xs = ["a", "b", "c"]
print(xs.get(0), xs.get(2), xs[1])
// expect: a c b
fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { xs.get(3) }), kind(fn () { xs[3] }), kind(fn () { [][0] }))
// expect: IndexError IndexError IndexError
// decision: negative indices are out of range (docs/VALUES.md).
print(kind(fn () { xs.get(-1) }), kind(fn () { xs[-1] }))
// expect: IndexError IndexError
