struct Point { x: number, y: number }
fn named() { 1 }
print(type_of(nil), type_of(true), type_of(false))
// expect: nil bool bool
print(type_of(0), type_of(-2.5), type_of("s"), type_of(:sym), type_of(`t`))
// expect: number number string string string
print(type_of(now()), type_of([]), type_of({}), type_of([nil]))
// expect: datetime array object array
print(type_of(named), type_of(fn (x) { x }), type_of(print))
// expect: function function function
print(type_of(Point{x: 1, y: 2}))
// expect: Point
