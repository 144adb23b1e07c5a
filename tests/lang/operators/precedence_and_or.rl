print(true || false && false)
// expect: true
print(false && true || true)
// expect: true
print(false && (true || true))
// expect: false
print(1 == 1 && 2 > 1, 1 > 2 || 3 > 2)
// expect: true true
