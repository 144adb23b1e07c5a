set o = {z: 1, a: 2, m: 3}
print(o, o.keys())
// expect: {z: 1, a: 2, m: 3} ["z", "a", "m"]
set o = o.set("b", 4)
print(o.keys())
// expect: ["z", "a", "m", "b"]
set o = o.set("z", 0)
print(o)
// expect: {z: 0, a: 2, m: 3, b: 4}
