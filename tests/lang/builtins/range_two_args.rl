print(range(2, 5), range(-2, 2), range(5, 6))
// expect: [2, 3, 4] [-2, -1, 0, 1] [5]
print(range(5, 5))
// expect: []
// decision: with the default step 1, a start above the end gives [] (as Python).
print(range(5, 2))
// expect: []
