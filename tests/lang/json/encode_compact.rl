// json_encode is compact: no spaces.
print(json_encode({a: 1, b: [1, 2]}))
// expect: {"a":1,"b":[1,2]}
print(json_encode([1, "a", nil, true, false]))
// expect: [1,"a",null,true,false]
print(json_encode({}), json_encode([]), json_encode({x: {}}))
// expect: {} [] {"x":{}}
