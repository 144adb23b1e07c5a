// for over an object visits its keys in insertion order.
set o = {z: 1, a: 2, "m-n": 3}
for k in o { print(k, o.get(k)) }
// expect: z 1
// expect: a 2
// expect: m-n 3
