set pairs = []
for a in [1, 2] {
  for b in ["x", "y"] {
    set pairs = pairs.push(`${a}${b}`)
  }
}
print(pairs)
// expect: ["1x", "1y", "2x", "2y"]
