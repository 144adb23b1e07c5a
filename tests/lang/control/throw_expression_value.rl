print(try { throw "a" + 1 } catch e { e })
// expect: a1
print(try { throw [1, 2].map(fn (x) { x * 2 }) } catch e { e })
// expect: [2, 4]
