set results = []
for x in [2, 0, 5] {
  set r = try { 10 / x } catch e { e.kind }
  set results = results.push(r)
}
print(results)
// expect: [5, "ZeroDivisionError", 2]
