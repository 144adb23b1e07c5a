set o = {a: 1, n: nil}
print(o.has("a"), o.has("n"), o.has("z"), {}.has(""))
// expect: true true false false
