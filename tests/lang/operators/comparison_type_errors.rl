// Comparing values of different types (or non-comparable types) is an error.
fn kind(f) { try { f(); "no error" } catch e { e.kind } }
print(kind(fn () { 1 < "2" }), kind(fn () { "a" > 1 }), kind(fn () { nil < 1 }))
// expect: TypeError TypeError TypeError
print(kind(fn () { true < false }), kind(fn () { [1] < [2] }), kind(fn () { 1 >= nil }))
// expect: TypeError TypeError TypeError
print(kind(fn () { 1 < 2 < 3 }), kind(fn () { now() < 1 }))
// expect: TypeError TypeError
