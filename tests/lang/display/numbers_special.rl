print(-0, 0 * -1, -0 == 0)
// expect: 0 0 true
print(1e309, -1e309)
// expect: Infinity -Infinity
print(1e309 - 1e309, 1e309 * 0)
// expect: NaN NaN
print([1e309, -0], {x: -1e309})
// expect: [Infinity, 0] {x: -Infinity}
