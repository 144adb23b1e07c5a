set t = now()
print(type_of(t), t == t, t <= t, t < t)
// expect: datetime true true false
print(!!t)
// expect: true
set u = now()
print(t <= u, u >= t)
// expect: true true
