print(to_string(1), to_string(2.5), to_string(-0), to_string(1e21))
// expect: 1 2.5 0 1e+21
print(to_string("raw"), to_string(nil), to_string(true))
// expect: raw nil true
print(to_string([1, "a"]), to_string({k: "v", "a b": nil}))
// expect: [1, "a"] {k: "v", "a b": nil}
print(type_of(to_string(42)), to_string(42) == "42", to_string("s") == "s")
// expect: string true true
fn named() { nil }
print(to_string(named))
// expect: <fn named>
