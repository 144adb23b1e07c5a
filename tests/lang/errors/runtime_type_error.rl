// expect-exit: 1
// expect-stderr: runtime_type_error.rl:4: TypeError
set x = 1
print(-"text" + x)
