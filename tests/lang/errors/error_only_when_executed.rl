// Runtime errors happen only when the code runs.
fn broken() { undefined_name + (1 / 0) }
if false { print(nil + 1) }
print("fine")
// expect: fine
