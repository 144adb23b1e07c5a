// decision: min and max bounds are inclusive.
struct Rating { stars: number.min(0).max(5) }
fn check(v) { try { Rating{stars: v}; "ok" } catch e { e.kind } }
print(check(0), check(5), check(2.5))
// expect: ok ok ok
print(check(-1), check(5.5), check(100))
// expect: ValidationError ValidationError ValidationError
print(check("3"))
// expect: TypeError
