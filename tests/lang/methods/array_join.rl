print(["a", "b", "c"].join("-"), ["a"].join(", "))
// expect: a-b-c a
print("[" + [].join("-") + "]")
// expect: []
print([1, 2.5, true, nil].join(","))
// expect: 1,2.5,true,nil
print(["x", "y"].join(""))
// expect: xy
// decision: elements are joined in display form with top-level strings raw (as print does).
print([1, [2, "a"]].join(" "))
// expect: 1 [2, "a"]
