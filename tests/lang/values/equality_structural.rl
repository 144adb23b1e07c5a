print(nil == nil, true == true, true == false)
// expect: true true false
print(1 == 1.0, "a" == :a, "a" == "A")
// expect: true true false
print([] == [], {} == {}, [] == {})
// expect: true true false
print([1, [2, {a: [3]}]] == [1, [2, {a: [3]}]])
// expect: true
print([1, 2] == [2, 1], [1, 2] != [1, 2, 3])
// expect: false true
print({a: 1, b: {c: 2, d: 3}} == {b: {d: 3, c: 2}, a: 1})
// expect: true
print({a: nil} == {}, {a: 1} == {a: 1, b: nil})
// expect: false false
