fn greet(name) { name }
print(greet, to_string(greet), type_of(greet))
// expect: <fn greet> <fn greet> function
print([greet])
// expect: [<fn greet>]
// decision: an anonymous function displays as <fn> (docs/VALUES.md).
print(fn (x) { x })
// expect: <fn>
