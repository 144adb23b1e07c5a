// expect-exit: 1
// expect-stderr: IndexError
set s = "abc"
print(s[2])
// expect: c
print(s[3])
