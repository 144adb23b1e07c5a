// The step may be negative or fractional.
print(range(0, 10, 3), range(10, 0, -3))
// expect: [0, 3, 6, 9] [10, 7, 4, 1]
print(range(0, 2, 0.5), range(1, 0, -0.25))
// expect: [0, 0.5, 1, 1.5] [1, 0.75, 0.5, 0.25]
print(range(0, -3, -1), range(1, 2, 0.5))
// expect: [0, -1, -2] [1, 1.5]
// decision: a step pointing away from the end gives [] (as Python).
print(range(0, 5, -1), range(5, 0, 1))
// expect: [] []
