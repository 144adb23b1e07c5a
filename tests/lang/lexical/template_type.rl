set n = 5
print(type_of(`x${n}`))
// expect: string
print(`a${n}` == "a5", `${n}`.length)
// expect: true 1
