// default is only the fallback, even when written first.
print(dispatch :b { :default: fn (v) { "default" }, :b: fn (v) { "b" } })
// expect: b
