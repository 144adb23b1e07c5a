// A complete line ends its expression, even if the next line could continue it.
set x = 10
-3
print(x)
// expect: 10
set y = 5
(y)
print(y)
// expect: 5
set z = 1
[0]
print(z)
// expect: 1
