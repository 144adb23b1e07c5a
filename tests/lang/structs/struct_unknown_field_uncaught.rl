// expect-exit: 1
// expect-stderr: FieldError
struct User { name: string }
print("before")
// expect: before
set u = User{name: "a", nickname: "b"}
