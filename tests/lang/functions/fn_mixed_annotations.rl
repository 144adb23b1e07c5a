// Annotations are optional per parameter.
fn mix(a, b: number) { a + b }
print(mix("x", 1), mix(1, 2))
// expect: x1 3
print(try { mix("x", "y") } catch e { e.kind })
// expect: TypeError
