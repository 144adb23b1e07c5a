set x = 1
set x = x + 1
print(x)
// expect: 2
set x = "now a string"
print(x)
// expect: now a string
