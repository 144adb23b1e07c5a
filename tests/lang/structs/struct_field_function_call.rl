// o.f(args) calls a function stored in a field, on structs too.
struct Op { name: string, run: fn(number) -> number }
set op = Op{name: "double", run: fn (x) { x * 2 }}
print(op.run(21))
// expect: 42
