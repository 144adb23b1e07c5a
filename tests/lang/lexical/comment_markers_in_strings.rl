print("/* not a comment */")
// expect: /* not a comment */
print(`// nor ${"/* this */"}`)
// expect: // nor /* this */
print("a" + "//" + "b")
// expect: a//b
