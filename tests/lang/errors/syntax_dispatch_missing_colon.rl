// expect-exit: 2
// expect-stderr: syntax error
print("must not run")
dispatch :a { :a fn (v) { v } }
