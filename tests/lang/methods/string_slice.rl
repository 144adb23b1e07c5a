set s = "héllo"
print(s.slice(1, 3), s.slice(0, 5), s.slice(2))
// expect: él héllo llo
print(s.slice(0, 0) == "", s.slice(3, 3).length)
// expect: true 0
// decision: as in JavaScript, slice bounds are clamped and negative ones count from the end.
print("abc".slice(1, 100), "hello".slice(-3), "hello".slice(1, -1))
// expect: bc llo ell
