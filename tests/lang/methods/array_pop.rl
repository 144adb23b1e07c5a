// pop() returns the array without its last element.
print([1, 2, 3].pop(), [1].pop())
// expect: [1, 2] []
set xs = [1, 2]
set ys = xs.pop()
print(xs, ys)
// expect: [1, 2] [1]
print(try { [].pop() } catch e { e.kind })
// expect: IndexError
