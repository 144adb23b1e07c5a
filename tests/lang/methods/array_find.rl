set xs = [{id: 1, n: "a"}, {id: 2, n: "b"}, {id: 3, n: "b"}]
print(xs.find(fn (x) { x.n == "b" }))
// expect: {id: 2, n: "b"}
print(xs.find(fn (x) { x.id > 9 }), [].find(fn (x) { true }))
// expect: nil nil
print([nil, false, 0].find(fn (x) { x == 0 }))
// expect: 0
