set total = 0
for x in [1, 2, 3] {
  set add = fn () { set total = total + x }
  add()
}
print(total)
// expect: 6
