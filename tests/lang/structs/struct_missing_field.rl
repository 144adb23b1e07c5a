// A missing non-optional field is an error.
struct User { name: string, email: string }
print(try { User{name: "a"} } catch e { "error" })
// expect: error
// decision: the kind is FieldError.
print(try { User{name: "a"} } catch e { e.kind })
// expect: FieldError
