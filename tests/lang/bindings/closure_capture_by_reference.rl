// Closures capture variables, not values.
set x = 1
set get = fn () { x }
set x = 2
print(get())
// expect: 2
fn make() {
  set v = "before"
  set f = fn () { v }
  set v = "after"
  f
}
print(make()())
// expect: after
