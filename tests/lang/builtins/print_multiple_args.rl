// print separates its arguments with one space and ends the line.
print("a", "b", "c")
// expect: a b c
print(1, "two", [3], {four: 4}, nil, true)
// expect: 1 two [3] {four: 4} nil true
print("single")
// expect: single
