fn first_even(xs) {
  for x in xs {
    if x % 2 == 0 { return x }
  }
  "none"
}
print(first_even([1, 3, 4, 6]), first_even([1, 3]))
// expect: 4 none
fn find_key(o, wanted) {
  for k in o { if o.get(k) == wanted { return k } }
}
print(find_key({a: 1, b: 2}, 2), find_key({a: 1}, 9))
// expect: b nil
