// Structs encode as objects with an extra "_type" field.
struct User { name: string, age: number }
set u = User{name: "Ann", age: 30}
set back = json_decode(json_encode(u))
print(back.get("_type"), back.name, back.age, type_of(back))
// expect: User Ann 30 object
print(back.keys().length)
// expect: 3
