// expect-exit: 2
// expect-stderr: syntax error
print("before")
print(`abc)
