set result = range(1, 11)
  .filter(fn (n) { n % 2 == 0 })
  .map(fn (n) { n * n })
  .reduce(fn (acc, n) { acc + n }, 0)
print(result)
// expect: 220
