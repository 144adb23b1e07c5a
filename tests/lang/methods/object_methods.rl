set o = {a: 1, b: 2}
print(o.get("a"), o.get("zz"), o.a, o.zz)          // expect: 1 nil 1 nil
print(o.set("c", 3), o)                            // expect: {a: 1, b: 2, c: 3} {a: 1, b: 2}
print(o.merge({b: 20, d: 4}))                      // expect: {a: 1, b: 20, d: 4}
print(o.has("a"), o.has("q"), o.keys(), o.values()) // expect: true false ["a", "b"] [1, 2]
print(o.remove("a"), o.length)                     // expect: {b: 2} 2
set calc = {double: fn (x) { x * 2 }}
print(calc.double(21))                             // expect: 42
