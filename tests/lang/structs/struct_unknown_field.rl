// Unknown fields are an error.
struct User { name: string }
set e = try { User{name: "a", age: 3} } catch err { err }
print(e.kind, e.line)
// expect: FieldError 3
