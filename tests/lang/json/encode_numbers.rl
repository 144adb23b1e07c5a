// Integral numbers encode without a fraction.
print(json_encode([3.0, -2, 1e3, 2.5, 0.1, -0.25]))
// expect: [3,-2,1000,2.5,0.1,-0.25]
print(json_encode(0.1 + 0.2), json_encode(1 / 3))
// expect: 0.30000000000000004 0.3333333333333333
print(json_encode(json_decode("3.0")))
// expect: 3
