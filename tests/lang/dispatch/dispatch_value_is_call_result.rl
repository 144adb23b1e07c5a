// The value of dispatch is the value returned by the chosen function.
set r = dispatch :list { :list: fn (v) { [1, 2, 3] } }
print(r, type_of(r))
// expect: [1, 2, 3] array
set n = dispatch :none { :none: fn (v) { nil } }
print(n)
// expect: nil
