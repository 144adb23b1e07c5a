// Bad input raises JSONError.
fn kind(s) { try { json_decode(s); "ok" } catch e { e.kind } }
print(kind("{bad"), kind(""), kind("[1,"), kind("tru"))
// expect: JSONError JSONError JSONError JSONError
print(kind("{'a': 1}"), kind("1 2"), kind("NaN"), kind("{\"a\" 1}"))
// expect: JSONError JSONError JSONError JSONError
print(kind("[1,]"), kind("\"unterminated"), kind("{\"a\": undefined}"))
// expect: JSONError JSONError JSONError
print(kind("[1, 2]"), kind(" {} "))
// expect: ok ok
