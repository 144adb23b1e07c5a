struct Point { x: number, y: number }
server echo { receive fn back(v) { v } }
print(message("echo", "back", Point{x: 1, y: 2}))
print(message("echo", "back", [1, {a: now() <= now()}]))
print(try { message("echo", "back", [fn () { 1 }]) } catch e { e.kind })
// expect: Point{x: 1, y: 2}
// expect: [1, {a: true}]
// expect: TypeError
