// The right side of ?? is evaluated only when the left side is nil.
set calls = 0
fn boom() {
  set calls = calls + 1
  "evaluated"
}
print(1 ?? boom(), calls)
// expect: 1 0
print(false ?? boom(), calls)
// expect: false 0
print(nil ?? boom(), calls)
// expect: evaluated 1
