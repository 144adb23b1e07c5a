set log = []
set r = try {
  set log = log.push("a")
  throw "stop"
  set log = log.push("b")
  "not reached"
} catch e {
  set log = log.push("caught " + e)
  "recovered"
}
print(r, log)
// expect: recovered ["a", "caught stop"]
