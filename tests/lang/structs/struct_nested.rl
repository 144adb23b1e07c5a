struct Point { x: number, y: number }
struct Line { a: Point, b: Point }
set l = Line{a: Point{x: 0, y: 0}, b: Point{x: 1, y: 2}}
print(l)
// expect: Line{a: Point{x: 0, y: 0}, b: Point{x: 1, y: 2}}
print(l.b.y, type_of(l.a))
// expect: 2 Point
print(try { Line{a: {x: 0, y: 0}, b: Point{x: 1, y: 2}} } catch e { e.kind })
// expect: TypeError
