set people = [{n: "c", age: 30}, {n: "a", age: 25}, {n: "b", age: 30}, {n: "d", age: 20}]
// decision: sort_by is stable (equal keys keep their order).
print(people.sort_by(fn (p) { p.age }).map(fn (p) { p.n }))
// expect: ["d", "a", "c", "b"]
print(people.sort_by(fn (p) { p.n }).map(fn (p) { p.n }))
// expect: ["a", "b", "c", "d"]
print(["ccc", "a", "bb"].sort_by(fn (s) { s.length }))
// expect: ["a", "bb", "ccc"]
