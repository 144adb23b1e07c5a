// As in Rust, "Name {" in an if head is not a struct constructor: here "{x: 0}" is the
// body block, which is not valid, so the program has a syntax error.
// expect-exit: 2
// expect-stderr: syntax error
struct P { x: number }
print("must not run")
if P{x: 0} { "truthy" }
