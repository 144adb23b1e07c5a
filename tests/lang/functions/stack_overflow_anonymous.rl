set loop = fn (n) { loop(n + 1) + 1 }
print(try { loop(0) } catch e { e.kind })
// expect: StackOverflowError
