set counts = {}
for w in "the cat and the hat and the bat".split(" ") {
  set counts = counts.set(w, (counts.get(w) ?? 0) + 1)
}
print(counts)
// expect: {the: 3, cat: 1, and: 2, hat: 1, bat: 1}
