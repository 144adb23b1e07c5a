print([2, 3].prepend(1), [].prepend("a"), [1].prepend([0]))
// expect: [1, 2, 3] ["a"] [[0], 1]
