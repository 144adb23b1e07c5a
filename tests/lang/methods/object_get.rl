set o = {a: 1, "b c": 2, n: nil}
print(o.get("a"), o.get("b c"), o.get("missing"), o.get("n"))
// expect: 1 2 nil nil
