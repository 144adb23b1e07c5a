struct Point { x: number, y: number }
print("declared")
// expect: declared
print(Point{x: 1, y: 2}.x)
// expect: 1
