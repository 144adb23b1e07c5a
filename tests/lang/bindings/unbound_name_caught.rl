set r = try {
  missing_thing + 1
} catch e {
  e
}
print(r.kind, r.line, r.error.contains("missing_thing"))
// expect: NameError 2 true
