set total = 0
for x in [1, 2, 3, 4] { set total = total + x }
print(total)
// expect: 10
set squares = 0
for i in range(1, 11) { set squares = squares + i * i }
print(squares)
// expect: 385
