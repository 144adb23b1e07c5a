print("abc".to_string(), "abc".toString(), :sym.to_string())
// expect: abc abc sym
print("x".to_string() == "x", type_of("".toString()))
// expect: true string
