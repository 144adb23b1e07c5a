print(`say "${"hi"}"`)
// expect: say "hi"
print(`${"a" + `b`}`)
// expect: ab
