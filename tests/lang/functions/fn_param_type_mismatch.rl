// Parameter annotations are checked on every call: a TypeError saying "invalid params" and naming the parameter.
fn charge(amount: number) { amount }
set e = try { charge("ten") } catch err { err }
print(e.kind)
// expect: TypeError
print(e.error.contains("invalid params"), e.error.contains("amount"))
// expect: true true
print(charge(10))
// expect: 10
