// json_decode gives plain objects: a "_type" key stays a key.
struct User { name: string }
set v = json_decode("{\"_type\": \"User\", \"name\": \"x\"}")
print(type_of(v), v.get("_type"), v)
// expect: object User {_type: "User", name: "x"}
print(v == User{name: "x"})
// expect: false
