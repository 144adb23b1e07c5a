struct P { x: number, y: number }
struct Q { x: number, y: number }
print(P{x: 1, y: 2} == P{y: 2, x: 1})
// expect: true
print(P{x: 1, y: 2} == P{x: 1, y: 3}, P{x: 1, y: 2} != P{x: 1, y: 3})
// expect: false true
// Structs also need the same struct name; a plain object is not equal to a struct.
print(P{x: 1, y: 2} == Q{x: 1, y: 2}, P{x: 1, y: 2} == {x: 1, y: 2})
// expect: false false
print([P{x: 0, y: 0}] == [P{x: 0, y: 0}])
// expect: true
