set req = {action: "greet", name: "Ann"}
set result = dispatch req.action {
  :greet: fn (v) { "hello " + req.name },
  :default: fn (v) { "unknown" }
}
print(result)
// expect: hello Ann
print(dispatch "gr" + "eet" { :greet: fn (v) { "computed" } })
// expect: computed
