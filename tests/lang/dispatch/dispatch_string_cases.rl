fn route(path) {
  dispatch path {
    "/": fn (v) { "home" },
    "/about": fn (v) { "about page" },
    "with space": fn (v) { "spaced" }
  }
}
print(route("/"), route("/about"), route("with space"))
// expect: home about page spaced
