set a = [1, 2]
set b = a.push(3)
print(a, b)
// expect: [1, 2] [1, 2, 3]
set alias = a
set a = a.push(99)
print(a, alias)
// expect: [1, 2, 99] [1, 2]
set c = a.set(0, "x")
print(a, c)
// expect: [1, 2, 99] ["x", 2, 99]
print(a.pop(), a.reverse(), a.sort(), a)
// expect: [1, 2] [99, 2, 1] [1, 2, 99] [1, 2, 99]
