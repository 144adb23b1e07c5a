// A ":" directly after an identifier or string is a plain colon;
// a ":" followed directly by an identifier elsewhere is a symbol.
set b = "value"
print({a:b})
// expect: {a: "value"}
print({"k":b})
// expect: {k: "value"}
print({a: :b})
// expect: {a: "b"}
print({a::b})
// expect: {a: "b"}
print({:a:b})
// expect: {a: "value"}
print(:b)
// expect: b
