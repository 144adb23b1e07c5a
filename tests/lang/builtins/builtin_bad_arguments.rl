// Wrong arguments to built-ins are catchable errors.
print(try { range("a") } catch e { "caught" })
// expect: caught
print(try { json_decode(5) } catch e { "caught" })
// expect: caught
print(try { type_of() } catch e { "caught" })
// expect: caught
