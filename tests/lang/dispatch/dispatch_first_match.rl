// The first case whose literal equals the value wins.
print(dispatch "a" { "a": fn (v) { "first" }, :a: fn (v) { "second" } })
// expect: first
