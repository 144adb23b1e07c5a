print([1, 2, 3].first(), [1, 2, 3].last(), ["only"].first(), ["only"].last())
// expect: 1 3 only only
print([].first(), [].last())
// expect: nil nil
