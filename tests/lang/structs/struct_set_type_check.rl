// set on a struct type-checks the field.
struct User { name: string, age: number }
set u = User{name: "Ann", age: 30}
print(try { u.set("age", "old") } catch e { e.kind })
// expect: TypeError
print(try { u.set("nickname", "A") } catch e { "error" })
// expect: error
print(u.set("name", "Bo").name)
// expect: Bo
