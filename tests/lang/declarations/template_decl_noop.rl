// A template declaration is parsed and recorded; it must not be an error.
fn get_posts() { [{title: "a"}] }
template "index.html" from get_posts()
print("after template")
// expect: after template
