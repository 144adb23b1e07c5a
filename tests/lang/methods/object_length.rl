print({}.length, {a: 1}.length, {a: 1, b: nil}.length)
// expect: 0 1 2
