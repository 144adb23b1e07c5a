print(1 == 1, 1 == "1", nil == false)                 // expect: true false false
print([1, [2]] == [1, [2]], [1] == [1, 2])            // expect: true false
print({a: 1, b: 2} == {b: 2, a: 1})                   // expect: true
print({a: 1} != {a: 2})                               // expect: true
print("Z" < "a", "abc" < "abd", 2 <= 2, 3 > 4)        // expect: true true true false
print(try { 1 < "2" } catch e { e.kind })              // expect: TypeError
