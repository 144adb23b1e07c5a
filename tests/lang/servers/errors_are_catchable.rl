server calc {
    receive fn add(a: number, b: number) -> number { a + b }
    receive fn boom() { throw {error: "custom", code: 7} }
    receive fn crash() { nil + 1 }
}
fn kind_of(f) { try { f() } catch e { e.kind ?? e } }
print(kind_of(fn () { message("nobody", "x") }))
print(kind_of(fn () { message("calc", "nope") }))
print(kind_of(fn () { message("calc", "add", 1) }))
print(kind_of(fn () { message("calc", "add", "1", 2) }))
print(kind_of(fn () { message("calc", "add", fn () { 1 }, 2) }))
print(kind_of(fn () { message("calc", "crash") }))
print(try { message("calc", "boom") } catch e { e })
print(try { message("calc", "add", "x", 1) } catch e { e.error.contains("invalid params") })
// expect: MessageError
// expect: MessageError
// expect: TypeError
// expect: TypeError
// expect: TypeError
// expect: TypeError
// expect: {error: "custom", code: 7}
// expect: true
