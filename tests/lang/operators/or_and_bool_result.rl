// || and && always give a bool.
print(1 || 2, nil || "x", nil || 0, "" || [])
// expect: true true false false
print("a" && "b", "a" && 0, nil && 1, 1 && [1])
// expect: true false false true
print(type_of(1 || 2), type_of(nil && 1))
// expect: bool bool
