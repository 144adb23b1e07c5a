set o = {a: 1, b: 2}
// Setting an existing key keeps its position; a new key goes last.
print(o.set("c", 3), o.set("a", 10), o)
// expect: {a: 1, b: 2, c: 3} {a: 10, b: 2} {a: 1, b: 2}
print({}.set("k-1", [1]))
// expect: {"k-1": [1]}
