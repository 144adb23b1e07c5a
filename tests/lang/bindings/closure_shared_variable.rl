// Two closures that capture the same variable see each other's updates.
fn make() {
  set n = 0
  {inc: fn () { set n = n + 1 }, get: fn () { n }}
}
set box = make()
box.inc()
box.inc()
print(box.get())
// expect: 2
set other = make()
print(other.get(), box.get())
// expect: 0 2
