set xs = [1, 2]
set snapshot = xs
for i in range(3) { set xs = xs.push(i) }
print(xs, snapshot)
// expect: [1, 2, 0, 1, 2] [1, 2]
// The loop iterates over the value the collection had when the loop started.
set ys = [1, 2, 3]
for y in ys { set ys = ys.push(y * 10) }
print(ys)
// expect: [1, 2, 3, 10, 20, 30]
