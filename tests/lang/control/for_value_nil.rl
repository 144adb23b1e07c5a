// A for loop's value is nil.
print(for x in [1, 2] { x })
// expect: nil
set v = for c in "ab" { c }
print(v)
// expect: nil
