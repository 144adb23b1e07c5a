// Case values may be any function values, not only literals.
fn on_add(v) { "add!" }
set on_sub = fn (v) { "sub!" }
fn run(op) { dispatch op { :add: on_add, :sub: on_sub } }
print(run(:add), run(:sub))
// expect: add! sub!
