set v = json_decode("{\"name\": \"x\", \"tags\": [\"a\", \"b\"], \"n\": {\"k\": null}}")
print(v)
// expect: {name: "x", tags: ["a", "b"], n: {k: nil}}
print(v.tags[1], v.n.k, type_of(v), type_of(v.tags))
// expect: b nil object array
print(json_decode("[]"), json_decode("{}"), json_decode(" [ 1 , 2 ] "))
// expect: [] {} [1, 2]
