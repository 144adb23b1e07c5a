// A named function is declared in the current scope.
fn outer() {
  fn helper() { "helped" }
  helper()
}
print(outer())
// expect: helped
print(try { helper() } catch e { e.kind })
// expect: NameError
