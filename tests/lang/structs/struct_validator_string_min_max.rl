// string.min(a).max(b) bounds the length (in code points); failures are ValidationErrors.
struct User { name: string.min(1).max(5) }
fn check(v) { try { User{name: v}; "ok" } catch e { e.kind } }
print(check(""), check("a"), check("abcde"), check("abcdef"))
// expect: ValidationError ok ok ValidationError
print(check("héllo"), check("😀😀😀😀😀"), check("😀😀😀😀😀😀"))
// expect: ok ok ValidationError
print(check(5))
// expect: TypeError
