// The value is nil when no branch runs.
print(if false { 1 })
// expect: nil
set v = if 1 > 2 { "a" } else if 2 > 3 { "b" }
print(v)
// expect: nil
