set xs = ["a", "c"]
print(xs.insert(1, "b"), xs.insert(0, "z"), xs)
// expect: ["a", "b", "c"] ["z", "a", "c"] ["a", "c"]
// decision: inserting at index == length appends (as JS splice and Python insert).
print(xs.insert(2, "end"))
// expect: ["a", "c", "end"]
fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { xs.insert(3, "x") }), kind(fn () { xs.insert(-1, "x") }))
// expect: IndexError IndexError
