// expect-exit: 1
print("before")
// expect: before
struct Bag { items: [Nope] }
print("after")
