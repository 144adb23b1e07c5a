// The value of a set expression is the assigned value.
print(set y = 7)
// expect: 7
print(y)
// expect: 7
set a = (set b = 3) + 1
print(a, b)
// expect: 4 3
fn last_is_set() { set z = "from set" }
print(last_is_set())
// expect: from set
