// decision: arguments are evaluated left to right, each exactly once.
set log = []
fn note(x) {
  set log = log.push(x)
  x
}
fn three(a, b, c) { a + b + c }
print(three(note(1), note(2), note(3)), log)
// expect: 6 [1, 2, 3]
