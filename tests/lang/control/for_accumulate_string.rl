set s = ""
for w in ["a", "b", "c"] { set s = s + w + "." }
print(s)
// expect: a.b.c.
set rev = ""
for c in "stressed" { set rev = c + rev }
print(rev)
// expect: desserts
