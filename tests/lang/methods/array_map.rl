set xs = [1, 2, 3]
print(xs.map(fn (x) { x * x }))
// expect: [1, 4, 9]
// map passes (element, index) to a two-parameter function.
print(xs.map(fn (x, i) { `${i}:${x}` }))
// expect: ["0:1", "1:2", "2:3"]
print([].map(fn (x) { x }), xs)
// expect: [] [1, 2, 3]
fn double(n) { n * 2 }
print(xs.map(double))
// expect: [2, 4, 6]
