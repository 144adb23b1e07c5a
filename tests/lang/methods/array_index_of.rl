set xs = ["a", "b", "a", [1]]
print(xs.index_of("a"), xs.index_of("b"), xs.index_of([1]), xs.index_of("z"))
// expect: 0 1 3 -1
print([].index_of(1), [1].index_of("1"))
// expect: -1 -1
