// No match and no default is an error.
fn f(x) { dispatch x { :a: fn (v) { 1 } } }
print(f(:a))
// expect: 1
print(try { f(:b) } catch e { "no match" })
// expect: no match
set e = try { f(:b) } catch err { err }
print(type_of(e.kind), type_of(e.error), e.line)
// expect: string string 2
