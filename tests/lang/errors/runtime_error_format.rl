// Runtime errors are reported as "file:line: Kind: message" on stderr, exit status 1.
// expect-exit: 1
// expect-stderr: runtime_error_format.rl:6: TypeError
print("before")
// expect: before
set x = "a" - 1
