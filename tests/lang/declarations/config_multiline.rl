print("before")
// expect: before
config {
  port: 9090,
  peers: []
}
print("after")
// expect: after
