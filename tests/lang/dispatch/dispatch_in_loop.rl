set total = 0
for cmd in [:inc, :inc, :double, :noop, :inc] {
  set total = dispatch cmd {
    :inc: fn (v) { total + 1 },
    :double: fn (v) { total * 2 },
    :default: fn (v) { total }
  }
}
print(total)
// expect: 5
