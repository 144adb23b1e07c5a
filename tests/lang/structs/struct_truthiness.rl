struct P { x: number }
print(if (P{x: 0}) { "truthy" } else { "falsy" })
// expect: truthy
