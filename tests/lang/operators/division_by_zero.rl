fn kind(f) { try { f() } catch e { e.kind } }
print(kind(fn () { 1 / 0 }), kind(fn () { 0 / 0 }), kind(fn () { -5 / 0 }))
// expect: ZeroDivisionError ZeroDivisionError ZeroDivisionError
print(kind(fn () { 1 / -0 }), kind(fn () { 5 % 0 }), kind(fn () { 5.5 % 0 }))
// expect: ZeroDivisionError ZeroDivisionError ZeroDivisionError
print(kind(fn () { 1 / (2 - 2) }), kind(fn () { 1 / 0.5 }))
// expect: ZeroDivisionError 2
