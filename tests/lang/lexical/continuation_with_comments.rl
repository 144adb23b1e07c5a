// A comment after an unfinished line does not end the expression.
set y = 5 +   // a comment after the trailing operator
  1
print(y)
// expect: 6
set z = [1, /* block */
  2]
print(z)
// expect: [1, 2]
set w = nil /* c */
  ?? 3
print(w)
// expect: 3
