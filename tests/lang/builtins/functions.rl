print(range(4), range(2, 5), range(5, 0, -2))      // expect: [0, 1, 2, 3] [2, 3, 4] [5, 3, 1]
print(range(0, 1, 0.25))                           // expect: [0, 0.25, 0.5, 0.75]
print(try { range(0, 5, 0) } catch e { e.kind })    // expect: ArgumentError
print(type_of(nil), type_of(1), type_of("s"), type_of([]), type_of({}))  // expect: nil number string array object
print(type_of(print), type_of(now()), type_of(true))  // expect: function datetime bool
print(to_string(1.5) + "!", to_number("2.5"), to_number("abc"))  // expect: 1.5! 2.5 nil
print(node_id())                                   // expect: nil
print(now() <= now())                              // expect: true
print(now().iso().length, now().unix() > 1700000000) // expect: 24 true
