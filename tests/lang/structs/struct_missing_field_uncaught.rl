// expect-exit: 1
struct User { name: string, email: string }
print("before")
// expect: before
set u = User{email: "a@b.co"}
