// o.f(args) calls the function stored in field f.
set calc = {
  add: fn (a, b) { a + b },
  twice: fn (f, x) { f(f(x)) }
}
print(calc.add(2, 3))
// expect: 5
print(calc.twice(fn (n) { n * 3 }, 2))
// expect: 18
set counter = {count: 0, label: fn () { "counter" }}
print(counter.label(), counter.count)
// expect: counter 0
