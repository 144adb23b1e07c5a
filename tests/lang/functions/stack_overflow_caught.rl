// Beyond the limit the program gets a catchable stack overflow error, never a crash.
fn forever(n) { 1 + forever(n + 1) }
set e = try { forever(0) } catch err { err }
print(e.kind, type_of(e.error))
// expect: StackOverflowError string
fn depth(n) { if n == 0 { 0 } else { 1 + depth(n - 1) } }
print(depth(1000))
// expect: 1000
print(try { forever(0) } catch err { err.kind })
// expect: StackOverflowError
