// expect-exit: 1
// expect-stderr: TypeError
// expect-stderr: invalid params
// expect-stderr: label
fn show(label: string) { label }
print(show("ok"))
// expect: ok
show(42)
