// expect-exit: 1
// expect-stderr: runtime_field_error.rl:4: FieldError
struct P { x: number }
set p = P{x: 1, y: 2}
