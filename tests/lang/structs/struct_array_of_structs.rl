struct Point { x: number, y: number }
struct Path { points: [Point] }
set p = Path{points: [Point{x: 1, y: 1}, Point{x: 2, y: 2}]}
print(p.points.length, p.points[1].x)
// expect: 2 2
print(p)
// expect: Path{points: [Point{x: 1, y: 1}, Point{x: 2, y: 2}]}
print(try { Path{points: [Point{x: 1, y: 1}, {x: 2, y: 2}]} } catch e { e.kind })
// expect: TypeError
