set o = {a: 1, b: 2}
print(o.merge({b: 20, c: 3}))
// expect: {a: 1, b: 20, c: 3}
print(o.merge({}), {}.merge(o), o)
// expect: {a: 1, b: 2} {a: 1, b: 2} {a: 1, b: 2}
