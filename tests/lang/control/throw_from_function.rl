fn inner(x) {
  if x < 0 { throw "negative: " + x }
  x
}
fn outer(x) { inner(x) * 2 }
print(try { outer(3) } catch e { e })
// expect: 6
print(try { outer(-1) } catch e { e })
// expect: negative: -1
