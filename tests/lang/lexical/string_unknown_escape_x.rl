// "\x" is not one of the escapes of §1.
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("\x41")
