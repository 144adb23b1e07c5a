set xs = [1]
set get = fn () { xs }
set held = get()
set xs = xs.push(2)
print(held, get())
// expect: [1] [1, 2]
