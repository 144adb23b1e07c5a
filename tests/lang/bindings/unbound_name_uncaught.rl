// Reading an unbound name is a runtime error naming it and its line.
// expect-exit: 1
// expect-stderr: NameError
// expect-stderr: no_such_variable
// expect-stderr: unbound_name_uncaught.rl:8
print("before")
// expect: before
print(no_such_variable)
