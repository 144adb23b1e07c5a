// unix() is whole seconds, unix_ms() whole milliseconds.
set t = now()
set s = t.unix()
set ms = t.unix_ms()
print(type_of(s), type_of(ms))
// expect: number number
print(s == s.floor(), ms == ms.floor())
// expect: true true
print((ms / 1000).floor() == s)
// expect: true
print(s > 1700000000, ms > 1700000000000)
// expect: true true
