// Missing optional fields become nil (and display as nil).
struct User { name: string, bio: optional(string) }
set u = User{name: "x"}
print(u.bio, u)
// expect: nil User{name: "x", bio: nil}
print(User{name: "y", bio: "hi"})
// expect: User{name: "y", bio: "hi"}
print(User{name: "z", bio: nil}.bio)
// expect: nil
