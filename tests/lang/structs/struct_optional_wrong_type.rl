struct User { name: string, bio: optional(string) }
print(try { User{name: "a", bio: 5} } catch e { e.kind })
// expect: TypeError
