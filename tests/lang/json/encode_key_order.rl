// Objects encode in insertion order.
print(json_encode({z: 1, a: 2, m: {y: 1, b: 2}}))
// expect: {"z":1,"a":2,"m":{"y":1,"b":2}}
