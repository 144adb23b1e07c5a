// return leaves the innermost function only.
fn outer() {
  set r = [1, 2, 3].map(fn (x) { return x * 2 })
  r.push("outer went on")
}
print(outer())
// expect: [2, 4, 6, "outer went on"]
fn nested() {
  set inner = fn () { return "inner" }
  inner() + " then outer"
}
print(nested())
// expect: inner then outer
