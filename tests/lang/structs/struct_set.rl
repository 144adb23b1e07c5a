// set on a struct keeps it a struct and leaves the original unchanged.
struct User { name: string, age: number }
set u = User{name: "Ann", age: 30}
set older = u.set("age", 31)
print(older, type_of(older))
// expect: User{name: "Ann", age: 31} User
print(u)
// expect: User{name: "Ann", age: 30}
print(older == User{name: "Ann", age: 31})
// expect: true
