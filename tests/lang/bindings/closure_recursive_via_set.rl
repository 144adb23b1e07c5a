// The closure refers to "fact" by reference, so it sees the assigned function.
set fact = fn (n) { if n <= 1 { 1 } else { n * fact(n - 1) } }
print(fact(5))
// expect: 120
