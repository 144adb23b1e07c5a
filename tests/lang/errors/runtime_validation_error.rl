// expect-exit: 1
// expect-stderr: runtime_validation_error.rl:4: ValidationError
struct Age { years: number.min(0) }
set a = Age{years: -1}
