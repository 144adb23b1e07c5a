// decision: iterating over a number, bool or nil is a TypeError.
print(try { for x in 5 { x } } catch e { e.kind })
// expect: TypeError
print(try { for x in nil { x } } catch e { e.kind })
// expect: TypeError
