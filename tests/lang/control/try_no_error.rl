// try evaluates to the try block's value when nothing is raised.
print(try { 5 } catch e { 0 })
// expect: 5
set v = try {
  set a = 2
  a * 21
} catch e {
  -1
}
print(v)
// expect: 42
print(try {} catch e { 1 })
// expect: nil
