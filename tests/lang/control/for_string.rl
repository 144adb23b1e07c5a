// for over a string visits its characters (code points).
for c in "héy" { print(c) }
// expect: h
// expect: é
// expect: y
set n = 0
for c in "a😀b" { set n = n + 1 }
print(n)
// expect: 3
