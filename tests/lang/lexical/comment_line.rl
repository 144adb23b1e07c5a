// A whole-line comment.
print("a") // a trailing comment
// expect: a
print("b // inside a string is not a comment")
// expect: b // inside a string is not a comment
//print("commented out")
print("c")
// expect: c
