// Object keys that are identifiers are bare; other keys are quoted.
print({a: 1, _b: 2, c3: 3, CamelCase: 4})
// expect: {a: 1, _b: 2, c3: 3, CamelCase: 4}
print({"k-2": 1, "has space": 2, "1abc": 3, "": 4})
// expect: {"k-2": 1, "has space": 2, "1abc": 3, "": 4}
print({"q\"uote": 1, "é": 2, "a.b": 3})
// expect: {"q\"uote": 1, "é": 2, "a.b": 3}
