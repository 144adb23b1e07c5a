set xs = [1, 2, 3]
print(xs.set(0, "a"), xs.set(2, [9]), xs)
// expect: ["a", 2, 3] [1, 2, [9]] [1, 2, 3]
fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { xs.set(3, 0) }), kind(fn () { [].set(0, 1) }))
// expect: IndexError IndexError
