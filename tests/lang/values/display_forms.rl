print(nil, true, false)                    // expect: nil true false
print("raw string")                        // expect: raw string
print(["a", 1, nil, [true]])               // expect: ["a", 1, nil, [true]]
print({name: "x", n: 1})                   // expect: {name: "x", n: 1}
print({"k-2": 1, ok: "a\"b"})              // expect: {"k-2": 1, ok: "a\"b"}
print(["line\nbreak"])                     // expect: ["line\nbreak"]
print([], {})                              // expect: [] {}
print(to_string([1, "two"]))               // expect: [1, "two"]
print(`t=${[1, "a"]} n=${1.5}`)            // expect: t=[1, "a"] n=1.5
