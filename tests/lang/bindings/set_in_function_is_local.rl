fn f() {
  set local_var = 1
  local_var
}
print(f())
// expect: 1
print(try { local_var } catch e { e.kind })
// expect: NameError
