// "\'" is not one of the escapes of §1 (\" \\ \n \t \r \0 \u{...}).
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("it\'s")
