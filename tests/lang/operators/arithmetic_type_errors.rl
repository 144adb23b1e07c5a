// -, *, / and % need numbers.
fn kind(f) { try { f(); "no error" } catch e { e.kind } }
print(kind(fn () { "a" - 1 }), kind(fn () { "ab" * 2 }), kind(fn () { [1] * 2 }))
// expect: TypeError TypeError TypeError
print(kind(fn () { nil / 1 }), kind(fn () { "6" / "2" }), kind(fn () { true % 2 }))
// expect: TypeError TypeError TypeError
print(kind(fn () { [1] - [1] }), kind(fn () { 5 - nil }))
// expect: TypeError TypeError
