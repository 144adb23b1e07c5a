// expect-exit: 1
// expect-stderr: ValidationError
struct User { email: string.email() }
print("before")
// expect: before
set u = User{email: "nope"}
