// Every kind of runtime error is catchable and arrives with its kind.
struct S { n: number.max(1) }
fn kind(f) { try { f(); "no error" } catch e { e.kind } }
fn deep(n) { deep(n + 1) + 1 }
print(kind(fn () { nope }), kind(fn () { 1 + nil }), kind(fn () { range(1, 2, 0) }))
// expect: NameError TypeError ArgumentError
print(kind(fn () { [1][5] }), kind(fn () { S{n: 1, m: 2} }), kind(fn () { S{n: 5} }))
// expect: IndexError FieldError ValidationError
print(kind(fn () { 1 / 0 }), kind(fn () { deep(0) }), kind(fn () { json_decode("x") }))
// expect: ZeroDivisionError StackOverflowError JSONError
