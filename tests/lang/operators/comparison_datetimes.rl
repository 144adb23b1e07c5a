set a = now()
set b = now()
print(a <= b, b >= a, a < a, a > a, a == a)
// expect: true true false false true
