set f = fn (count: number) { count + 1 }
print(f(1))
// expect: 2
set e = try { f("a") } catch err { err }
print(e.kind, e.error.contains("invalid params"), e.error.contains("count"))
// expect: TypeError true true
