print([].is_empty(), [nil].is_empty(), [1, 2].is_empty(), [1].pop().is_empty())
// expect: true false false true
