// The chosen function is called with the dispatched value.
print(dispatch "ping" { "ping": fn (v) { v + "/pong" } })
// expect: ping/pong
print(dispatch :x { :default: fn (v) { "got " + v } })
// expect: got x
