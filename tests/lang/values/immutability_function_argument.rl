fn add_item(xs) {
  set xs = xs.push("new")
  xs
}
set original = ["old"]
set changed = add_item(original)
print(original, changed)
// expect: ["old"] ["old", "new"]
fn rename(o) { o.set("name", "B") }
set user = {name: "A"}
print(rename(user), user)
// expect: {name: "B"} {name: "A"}
