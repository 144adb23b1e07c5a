struct A { s: string.min(2), n: number.max(10) }
print(A{s: "ab", n: -100})
// expect: A{s: "ab", n: -100}
print(try { A{s: "a", n: 1} } catch e { e.kind }, try { A{s: "abc", n: 11} } catch e { e.kind })
// expect: ValidationError ValidationError
