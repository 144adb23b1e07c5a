set xs = [0, 1, 2, 3, 4]
print(xs.slice(1, 3), xs.slice(0, 5), xs.slice(2), xs.slice(2, 2))
// expect: [1, 2] [0, 1, 2, 3, 4] [2, 3, 4] []
// decision: as in JavaScript, slice bounds are clamped and negative ones count from the end.
print(xs.slice(3, 100), xs.slice(-2))
// expect: [3, 4] [3, 4]
