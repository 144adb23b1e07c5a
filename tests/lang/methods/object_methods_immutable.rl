set o = {a: 1}
set results = [o.set("b", 2), o.merge({c: 3}), o.remove("a")]
print(results, o)
// expect: [{a: 1, b: 2}, {a: 1, c: 3}, {}] {a: 1}
