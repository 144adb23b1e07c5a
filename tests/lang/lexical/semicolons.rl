set a = 1; set b = 2; print(a + b)
// expect: 3
print("x"); print("y")
// expect: x
// expect: y
fn f() { set t = 1; set t = t + 1; t }
print(f())
// expect: 2
