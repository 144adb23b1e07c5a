fn line_of(f) { try { f(); 0 } catch e { e.line } }
print(line_of(fn () {
  1 + nil
}))
// expect: 3
fn fails() {
  set a = 1
  a.no_such_method()
}
print(line_of(fails))
// expect: 8
print(try { fails() } catch e { e.line })
// expect: 8
