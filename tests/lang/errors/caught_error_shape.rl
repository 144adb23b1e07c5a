set e = try { [1, 2].get(7) } catch err { err }
print(type_of(e), type_of(e.error), type_of(e.kind), type_of(e.line))
// expect: object string string number
print(e.kind, e.line, e.has("error"), e.has("kind"), e.has("line"))
// expect: IndexError 1 true true true
