// Declaration errors are runtime errors, so they can be caught.
print(try { fn f(x: Nope) { x } } catch e { "caught" })
// expect: caught
print("still running")
// expect: still running
