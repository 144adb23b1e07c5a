// A line starting with "??", "&&" or "||" continues the previous expression.
set v = nil
  ?? "default"
print(v)
// expect: default
set t = false
  || true
print(t)
// expect: true
set u = true
  && false
print(u)
// expect: false
set w = nil
  ?? nil
  ?? 3
print(w)
// expect: 3
