// Object keys may be identifiers, strings or symbols; all are string keys.
set o = {plain: 1, "k-2": 2, :sym: 3, "with space": 4}
print(o)
// expect: {plain: 1, "k-2": 2, sym: 3, "with space": 4}
print(o.get("k-2"), o.get("with space"), o.sym, o.plain)
// expect: 2 4 3 1
print(o.keys())
// expect: ["plain", "k-2", "sym", "with space"]
