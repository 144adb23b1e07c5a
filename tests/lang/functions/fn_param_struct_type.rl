struct Point { x: number, y: number }
struct Other { x: number, y: number }
fn norm1(p: Point) { p.x.abs() + p.y.abs() }
print(norm1(Point{x: -1, y: 2}))
// expect: 3
print(try { norm1({x: 1, y: 2}) } catch e { e.kind })
// expect: TypeError
print(try { norm1(Other{x: 1, y: 2}) } catch e { e.kind })
// expect: TypeError
