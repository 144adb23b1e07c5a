fn add(a, b) { a + b }
print(add(2, 3))
// expect: 5
fn greet(name) {
  set msg = "Hello, " + name
  msg + "!"
}
print(greet("Ann"))
// expect: Hello, Ann!
fn no_params() { "none" }
print(no_params())
// expect: none
