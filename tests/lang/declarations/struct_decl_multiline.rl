struct User {
  name: string,
  email: string,
  bio: optional(string),
  tags: [string]
}
print(User{name: "n", email: "e@x.io", tags: []})
// expect: User{name: "n", email: "e@x.io", bio: nil, tags: []}
