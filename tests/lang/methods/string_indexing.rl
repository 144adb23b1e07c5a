set s = "abc"
print(s[0], s[2], s[1 + 1], type_of(s[0]))
// expect: a c c string
print("😀x"[0], "😀x"[1])
// expect: 😀 x
fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { s[3] }), kind(fn () { ""[0] }))
// expect: IndexError IndexError
// decision: negative indices are out of range (docs/VALUES.md).
print(kind(fn () { s[-1] }))
// expect: IndexError
