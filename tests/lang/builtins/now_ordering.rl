set a = now()
set b = now()
print(a <= b, b < a)
// expect: true false
print(b.unix_ms() - a.unix_ms() >= 0)
// expect: true
