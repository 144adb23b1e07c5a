print(json_encode("a\"b"))
// expect: "a\"b"
print(json_encode("back\\slash"), json_encode("nl\ntab\t"))
// expect: "back\\slash" "nl\ntab\t"
print(json_encode("\0"))
// expect: "\u0000"
print(json_encode({"k-2": "v", "q\"k": 1}))
// expect: {"k-2":"v","q\"k":1}
