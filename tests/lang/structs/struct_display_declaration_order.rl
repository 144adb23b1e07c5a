// Struct fields display in declaration order, whatever the constructor order.
struct P { x: number, y: number, label: string }
print(P{label: "origin", y: 0, x: 0})
// expect: P{x: 0, y: 0, label: "origin"}
