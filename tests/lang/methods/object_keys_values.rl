set o = {b: 1, a: [2], "c d": "three"}
print(o.keys(), o.values())
// expect: ["b", "a", "c d"] [1, [2], "three"]
print({}.keys(), {}.values())
// expect: [] []
