set f = fn (a, b, c) { a + b + c }
print(f(1, 2, 3))
// expect: 6
print(try { f(1, 2) } catch e { "caught" }, try { f(1, 2, 3, 4) } catch e { "caught" })
// expect: caught caught
