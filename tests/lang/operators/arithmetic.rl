print(7 % 3, -7 % 3, 7.5 % 2)              // expect: 1 -1 1.5
print("a" + 1, 1 + "a", "x" + nil)         // expect: a1 1a xnil
print([1] + [2, 3])                        // expect: [1, 2, 3]
print(-(3))                                // expect: -3
print(try { 1 / 0 } catch e { e.kind })    // expect: ZeroDivisionError
print(try { 1 % 0 } catch e { e.kind })    // expect: ZeroDivisionError
print(try { 1 + nil } catch e { e.kind })  // expect: TypeError
print(try { ({} + {}) } catch e { e.kind })  // expect: TypeError
print(try { -"a" } catch e { e.kind })     // expect: TypeError
