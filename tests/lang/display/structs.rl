// Struct fields display in declaration order; missing optional fields show as nil.
struct User { name: string, email: string, bio: optional(string) }
set u = User{email: "a@b.co", name: "Ann"}
print(u)
// expect: User{name: "Ann", email: "a@b.co", bio: nil}
print([u.set("bio", "hi")])
// expect: [User{name: "Ann", email: "a@b.co", bio: "hi"}]
print(to_string(u) == `${u}`)
// expect: true
