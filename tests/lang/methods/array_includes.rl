// includes uses structural equality.
set xs = [1, "a", [2], {k: nil}, nil]
print(xs.includes(1), xs.includes("a"), xs.includes([2]), xs.includes({k: nil}), xs.includes(nil))
// expect: true true true true true
print(xs.includes("1"), xs.includes(2), [].includes(nil))
// expect: false false false
