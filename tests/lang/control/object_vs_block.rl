// "{" starts an object literal when followed by "}" or by a key and ":"; otherwise a block.
set a = 5
print({ a }, { a + 1 }, { "s" }, { :sym })
// expect: 5 6 s sym
print({}, {a: 1}, {"k": 2}, {:s: 3})
// expect: {} {a: 1} {k: 2} {s: 3}
print(type_of({}), type_of({ a }))
// expect: object number
