fn total(xs: [number]) { xs.reduce(fn (acc, x) { acc + x }, 0) }
print(total([1, 2, 3]), total([]))
// expect: 6 0
set e = try { total([1, "2"]) } catch err { err }
print(e.kind, e.error.contains("invalid params"))
// expect: TypeError true
fn grid(rows: [[number]]) { rows.length }
print(grid([[1], [2, 3]]), try { grid([1]) } catch err { err.kind })
// expect: 2 TypeError
