set log = []
fn mark(name, v) {
  set log = log.push(name)
  v
}
print(mark("a", true) || mark("b", true))
// expect: true
print(log)
// expect: ["a"]
print(mark("c", false) && mark("d", true))
// expect: false
print(log)
// expect: ["a", "c"]
print(mark("e", false) || mark("f", 1))
// expect: true
print(log)
// expect: ["a", "c", "e", "f"]
