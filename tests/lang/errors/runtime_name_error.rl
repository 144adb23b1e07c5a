// expect-exit: 1
// expect-stderr: runtime_name_error.rl:5: NameError
// expect-stderr: undefined_thing
set x = 1
print(undefined_thing + x)
