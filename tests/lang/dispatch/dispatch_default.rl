fn f(x) {
  dispatch x {
    :a: fn (v) { "A" },
    :default: fn (v) { "default for " + v }
  }
}
print(f("a"), f("zzz"))
// expect: A default for zzz
print(dispatch 5 { :a: fn (v) { "a" }, :default: fn (v) { v * 2 } })
// expect: 10
