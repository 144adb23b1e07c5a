fn kind(f) { try { f(); "no error" } catch e { e.kind } }
print(kind(fn () { 1 + nil }), kind(fn () { true + 1 }), kind(fn () { nil + nil }))
// expect: TypeError TypeError TypeError
print(kind(fn () { [1] + 1 }), kind(fn () { 1 + [1] }), kind(fn () { ({} + {}) }))
// expect: TypeError TypeError TypeError
print(kind(fn () { [1] + {} }), kind(fn () { true + false }), kind(fn () { ({a: 1} + [1]) }))
// expect: TypeError TypeError TypeError
