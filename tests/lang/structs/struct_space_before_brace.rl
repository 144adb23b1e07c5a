// Outside if/for/dispatch heads, "Name {" with a space is still a constructor.
struct User { name: string }
set u = User {name: "spaced"}
print(u)
// expect: User{name: "spaced"}
