set acc = []
for i in range(3) { set acc = acc.push(i) }
for i in range(10, 13) { set acc = acc.push(i) }
for i in range(3, 0, -1) { set acc = acc.push(i) }
for i in range(0, 1, 0.5) { set acc = acc.push(i) }
print(acc)
// expect: [0, 1, 2, 10, 11, 12, 3, 2, 1, 0, 0.5]
