print((3.7).floor(), (3.2).ceil(), (-3.5).round(), (2.5).round(), (-4).abs())  // expect: 3 4 -4 3 4
print((3.14159).fixed(2), (1).fixed(3), type_of((2.5).fixed(0)))             // expect: 3.14 1.000 string
print((42).to_string() + "!", (0.5).toString())                              // expect: 42! 0.5
set n = 7
print(n.to_string(), n.fixed(1))                                             // expect: 7 7.0
