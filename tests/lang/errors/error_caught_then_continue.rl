set n = 0
for i in range(5) {
  try {
    if i % 2 == 1 { throw i }
    set n = n + 1
  } catch e {
    set n = n + 10
  }
}
print(n)
// expect: 23
