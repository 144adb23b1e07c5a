fn make_counter() {
  set n = 0
  fn () {
    set n = n + 1
    n
  }
}
set c = make_counter()
c()
c()
print(c())
// expect: 3
set d = make_counter()
print(d(), c())
// expect: 1 4
