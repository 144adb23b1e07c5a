// Calling with the wrong number of arguments is an error.
fn add(a, b) { a + b }
print(try { add(1) } catch e { "caught" })
// expect: caught
// decision: the error kind is ArgumentError ("bad arguments").
print(try { add(1) } catch e { e.kind })
// expect: ArgumentError
