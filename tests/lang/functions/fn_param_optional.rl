fn f(x: optional(number)) { x ?? "none" }
print(f(nil), f(1))
// expect: none 1
print(try { f("x") } catch e { e.kind })
// expect: TypeError
