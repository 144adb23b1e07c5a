// replace(old, new) replaces every element equal to old.
print([1, 2, 1].replace(1, 0), ["a"].replace("b", "c"))
// expect: [0, 2, 0] ["a"]
print([[1], 2, [1]].replace([1], "x"))
// expect: ["x", 2, "x"]
print([nil, 1].replace(nil, 0))
// expect: [0, 1]
