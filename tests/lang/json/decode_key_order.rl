print(json_decode("{\"b\": 1, \"a\": 2, \"c-d\": 3}").keys())
// expect: ["b", "a", "c-d"]
