// expect-exit: 2
// expect-stderr: syntax error
print("before")
print(`a ${1 + 2`)
