// decision: calling a value that is not a function is a TypeError.
set x = 5
print(try { x() } catch e { e.kind })
// expect: TypeError
print(try { nil() } catch e { e.kind }, try { "f"() } catch e { e.kind })
// expect: TypeError TypeError
