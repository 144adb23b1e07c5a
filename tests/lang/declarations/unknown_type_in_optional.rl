// expect-exit: 1
print("before")
// expect: before
struct Bag { item: optional(Nope) }
print("after")
