print([1, "a", nil, true, [2], {k: 3}])
// expect: [1, "a", nil, true, [2], {k: 3}]
print([].length, [[]].length, type_of([]))
// expect: 0 1 array
print([1, [2, [3, [4]]]])
// expect: [1, [2, [3, [4]]]]
