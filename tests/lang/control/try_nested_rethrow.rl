set r = try {
  try {
    throw "inner"
  } catch e {
    throw e + " rethrown"
  }
} catch e2 {
  "outer got: " + e2
}
print(r)
// expect: outer got: inner rethrown
set r2 = try {
  try { throw 1 } catch e { "handled inside" }
} catch e { "outer" }
print(r2)
// expect: handled inside
