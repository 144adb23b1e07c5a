set xs = ["a", "b", "c"]
print(xs.remove_at(0), xs.remove_at(1), xs.remove_at(2), xs)
// expect: ["b", "c"] ["a", "c"] ["a", "b"] ["a", "b", "c"]
fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { xs.remove_at(3) }), kind(fn () { [].remove_at(0) }))
// expect: IndexError IndexError
