// decision: calling a method on nil, or reading a field of a non-object, is a TypeError.
print(try { nil.upper() } catch e { e.kind })
// expect: TypeError
print(try { (5).name } catch e { e.kind })
// expect: TypeError
