// decision: template strings accept the escapes of "..." strings, plus \` and \$ (as in JavaScript).
print(`a\tb`.length)
// expect: 3
print(`line1\nline2`)
// expect: line1
// expect: line2
print(`back\`tick`)
// expect: back`tick
print(`\${not}`)
// expect: ${not}
print(`\u{41}\\`)
// expect: A\
