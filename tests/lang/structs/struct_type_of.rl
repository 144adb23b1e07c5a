struct User { name: string }
struct Point { x: number }
print(type_of(User{name: "a"}), type_of(Point{x: 1}))
// expect: User Point
