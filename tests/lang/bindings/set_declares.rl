set x = 1
print(x)
// expect: 1
set greeting = "hi"
print(greeting, x)
// expect: hi 1
