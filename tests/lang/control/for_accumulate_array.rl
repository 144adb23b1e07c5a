set evens = []
for i in range(10) {
  if i % 2 == 0 { set evens = evens.push(i) }
}
print(evens)
// expect: [0, 2, 4, 6, 8]
