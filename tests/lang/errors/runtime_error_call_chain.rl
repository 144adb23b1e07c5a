// Runtime errors report the chain of function calls.
// expect-exit: 1
// expect-stderr: ZeroDivisionError
// expect-stderr: level_two
// expect-stderr: level_one
fn level_two(x) { x / 0 }
fn level_one(x) { level_two(x) + 1 }
level_one(5)
