// A caught runtime error is an ordinary object; rethrowing it keeps it intact.
set r = try {
  try { [][0] } catch e { throw e }
} catch e2 {
  e2.kind
}
print(r)
// expect: IndexError
