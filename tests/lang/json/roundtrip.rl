set v = {s: "a\"b\n", n: [1, 2.5, -3], o: {nested: [true, nil]}, e: {}}
print(json_decode(json_encode(v)) == v)
// expect: true
print(json_encode(json_decode("{\"x\":[1,{\"y\":null}]}")))
// expect: {"x":[1,{"y":null}]}
print(json_decode(json_encode("héllo 😀")))
// expect: héllo 😀
