// Recursion must work to a depth of at least 10,000 calls.
fn depth(n) { if n == 1 { 1 } else { 1 + depth(n - 1) } }
print(depth(10000))
// expect: 10000
fn sum(n) { if n == 1 { 1 } else { n + sum(n - 1) } }
print(sum(10000))
// expect: 50005000
