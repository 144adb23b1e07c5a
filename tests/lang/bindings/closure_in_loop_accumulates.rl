set total = 0
set add = fn (n) { set total = total + n }
for i in range(1, 5) { add(i) }
print(total)
// expect: 10
