// remove(v) drops every element equal to v.
print([1, 2, 1, 3, 1].remove(1))
// expect: [2, 3]
print(["a", "b"].remove("z"), [].remove(1))
// expect: ["a", "b"] []
print([[1], [2], [1]].remove([1]), [{a: 1}, {a: 2}].remove({a: 1}))
// expect: [[2]] [{a: 2}]
print([1, "1", nil].remove("1"))
// expect: [1, nil]
