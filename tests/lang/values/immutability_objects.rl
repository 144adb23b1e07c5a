set o = {a: 1}
set alias = o
set o = o.set("b", 2)
print(o, alias)
// expect: {a: 1, b: 2} {a: 1}
set m = o.merge({c: 3})
set r = o.remove("a")
print(o, m, r)
// expect: {a: 1, b: 2} {a: 1, b: 2, c: 3} {b: 2}
