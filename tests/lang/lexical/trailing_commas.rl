// decision: a trailing comma is allowed in array and object literals (as in JavaScript and Python).
print([1, 2,])
// expect: [1, 2]
print({a: 1,})
// expect: {a: 1}
set multi = [
  "a",
  "b",
]
print(multi)
// expect: ["a", "b"]
