// A parameter is bound in the function, so set assigns the parameter, not the outer name.
set x = 1
fn f(x) {
  set x = x + 10
  x
}
print(f(5), x)
// expect: 15 1
