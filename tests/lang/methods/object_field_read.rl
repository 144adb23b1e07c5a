set o = {name: "x", inner: {deep: [1, 2]}}
print(o.name, o.inner.deep, o.inner.deep[1])
// expect: x [1, 2] 2
// Reading an absent field of an object gives nil.
print(o.absent, o.inner.absent)
// expect: nil nil
print(o.absent ?? "fallback")
// expect: fallback
