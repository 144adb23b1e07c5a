// NaN and Infinity cannot be encoded: JSONError.
fn kind(f) { try { f(); "ok" } catch e { e.kind } }
print(kind(fn () { json_encode(1e309) }), kind(fn () { json_encode(-1e309) }))
// expect: JSONError JSONError
print(kind(fn () { json_encode(1e309 - 1e309) }), kind(fn () { json_encode({a: [1, 1e309]}) }))
// expect: JSONError JSONError
print(kind(fn () { json_encode(1e308) }))
// expect: ok
