set o = {a: 1, b: 2, c: 3}
print(o.remove("b"), o.remove("zz"), o)
// expect: {a: 1, c: 3} {a: 1, b: 2, c: 3} {a: 1, b: 2, c: 3}
