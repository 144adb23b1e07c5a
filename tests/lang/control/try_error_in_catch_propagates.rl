set r = try {
  try { throw "first" } catch e { 1 / 0 }
} catch e2 {
  e2.kind
}
print(r)
// expect: ZeroDivisionError
