// Output printed before a runtime error is not lost.
// expect-exit: 1
// expect-stderr: IndexError
for i in range(3) { print(i) }
// expect: 0
// expect: 1
// expect: 2
print([][0])
print("not reached")
