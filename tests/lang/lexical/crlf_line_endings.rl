// decision: CRLF line endings are accepted as newlines.
set a = 1
set b = 2
print(a +
  b)
// expect: 3
print("x")
// expect: x
