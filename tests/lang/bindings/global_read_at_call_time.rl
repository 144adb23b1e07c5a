// A function reads a global when it runs, so a global defined after the function is fine.
fn show() { later_value }
set later_value = 42
print(show())
// expect: 42
set later_value = 43
print(show())
// expect: 43
