// An unknown type name is an error at declaration time: a runtime error (exit 1).
// expect-exit: 1
print("before")
// expect: before
struct Broken { x: NoSuchType }
print("after")
