// decision: "_type" comes first, then the fields in declaration order (docs/VALUES.md).
struct User { name: string, age: number, bio: optional(string) }
print(json_encode(User{age: 30, name: "Ann"}))
// expect: {"_type":"User","name":"Ann","age":30,"bio":null}
struct P { x: number }
print(json_encode([P{x: 1}, {p: P{x: 2}}]))
// expect: [{"_type":"P","x":1},{"p":{"_type":"P","x":2}}]
