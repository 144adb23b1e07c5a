set t = now()
set same = t
print(t == same, t != same, t == t.iso())
// expect: true false false
