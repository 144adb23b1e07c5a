fn handle(action) {
  dispatch action {
    :create: fn (v) { "creating" },
    :delete: fn (v) { "deleting" }
  }
}
print(handle(:create), handle("delete"))
// expect: creating deleting
