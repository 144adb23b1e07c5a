fn greet(name) { "hi " + name }
print(greet, [greet], {f: greet})
// expect: <fn greet> [<fn greet>] {f: <fn greet>}
