// ?? is the lowest-precedence operator.
print(nil ?? 1 + 2)
// expect: 3
print(nil ?? false || true)
// expect: true
print(false || nil ?? 5)
// expect: false
print(1 == 2 ?? "x")
// expect: false
print(nil ?? 2 * 3 == 6)
// expect: true
