fn outer() {
  set v = 1
  set bump = fn () { set v = v * 10 }
  bump()
  bump()
  v
}
print(outer())
// expect: 100
