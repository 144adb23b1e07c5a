// expect-exit: 2
// expect-stderr: syntax error
// expect-stderr: syntax_error_late_in_file.rl:13:
print(1)
print(2)
print(3)
set a = 1
set b = 2
print(a + b)
fn ok() { "fine" }
print(ok())
// The next line is broken.
set c = 1 + * 2
print(c)
