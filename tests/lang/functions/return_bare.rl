// A bare return leaves the function with nil.
fn h() {
  return
  print("unreachable")
}
print(h())
// expect: nil
fn g(x) {
  if x { return }
  "went on"
}
print(g(true), g(false))
// expect: nil went on
