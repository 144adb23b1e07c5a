fn twice(f) { fn (x) { f(f(x)) } }
set add3 = fn (x) { x + 3 }
print(twice(add3)(0), twice(twice(add3))(0))
// expect: 6 12
print([1, 2, 3].map(twice(add3)))
// expect: [7, 8, 9]
