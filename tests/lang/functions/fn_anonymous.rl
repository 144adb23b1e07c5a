set sq = fn (x) { x * x }
print(sq(4))
// expect: 16
print((fn (x) { x + 1 })(1))
// expect: 2
print([1, 2].map(fn (x) { x * 10 }))
// expect: [10, 20]
set noargs = fn () { "called" }
print(noargs())
// expect: called
