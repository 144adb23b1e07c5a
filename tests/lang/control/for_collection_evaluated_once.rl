set calls = 0
fn items() {
  set calls = calls + 1
  [1, 2, 3]
}
set sum = 0
for x in items() { set sum = sum + x }
print(sum, calls)
// expect: 6 1
