set f = type_of
print(f(1), type_of(type_of))
// expect: number function
// decision: one-parameter built-ins can be passed as callbacks.
print([1, "a", nil].map(type_of))
// expect: ["number", "string", "nil"]
print(["1", "x"].map(to_number))
// expect: [1, nil]
