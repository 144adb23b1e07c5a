// fixed(n) returns a string with n digits after the point.
print((3.14159).fixed(2), (1).fixed(3), (2.5).fixed(0), (-1.5).fixed(0))
// expect: 3.14 1.000 3 -2
print(type_of((1).fixed(1)), (10).fixed(0), (0.000001).fixed(3))
// expect: string 10 0.000
print((123.456).fixed(1), (-2).fixed(2))
// expect: 123.5 -2.00
