print(json_encode({a: 1, b: [1, 2], c: "x", d: nil, e: 2.5}))  // expect: {"a":1,"b":[1,2],"c":"x","d":null,"e":2.5}
set v = json_decode("{\"k\": [1, true, null], \"_type\": \"User\"}")
print(v, v.k[1])                                   // expect: {k: [1, true, nil], _type: "User"} true
print(try { json_decode("{bad") } catch e { e.kind })  // expect: JSONError
print(json_decode(json_encode([1, "a", {b: []}])))  // expect: [1, "a", {b: []}]
