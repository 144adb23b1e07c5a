// Reading an absent field is nil on objects but an error on structs.
struct User { name: string }
set u = User{name: "a"}
print({name: "a"}.nope)
// expect: nil
print(try { u.nope } catch e { "error" })
// expect: error
// decision: the kind is FieldError.
print(try { u.nope } catch e { e.kind })
// expect: FieldError
