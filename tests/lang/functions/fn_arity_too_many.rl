fn one(a) { a }
print(try { one(1, 2) } catch e { "caught" })
// expect: caught
fn zero() { 0 }
print(try { zero(1) } catch e { "caught" })
// expect: caught
// decision: the error kind is ArgumentError.
print(try { one() } catch e { e.kind })
// expect: ArgumentError
