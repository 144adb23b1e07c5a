fn kind(f) { try { f(); "ok" } catch e { e.kind } }
fn n(x: number) { x }
fn s(x: string) { x }
fn b(x: bool) { x }
fn o(x: object) { x }
fn a(x: [string]) { x }
print(kind(fn () { n("1") }), kind(fn () { s(1) }), kind(fn () { b(0) }), kind(fn () { b(nil) }))
// expect: TypeError TypeError TypeError TypeError
print(kind(fn () { o([]) }), kind(fn () { a({}) }), kind(fn () { a("s") }), kind(fn () { n(nil) }))
// expect: TypeError TypeError TypeError TypeError
print(kind(fn () { n(1) }), kind(fn () { s("") }), kind(fn () { b(false) }), kind(fn () { o({}) }), kind(fn () { a([]) }))
// expect: ok ok ok ok ok
