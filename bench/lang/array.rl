set xs = []
for i in range(200000) { set xs = xs.push(i) }
set doubled = xs.map(fn (x) { x * 2 })
set thirds = doubled.filter(fn (x) { x % 3 == 0 })
print(thirds.reduce(fn (acc, x) { acc + x }, 0))
