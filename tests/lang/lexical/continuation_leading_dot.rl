// A line starting with "." continues the previous expression (method chains).
set r = [3, 1, 2]
  .sort()
  .map(fn (x) { x * 10 })
print(r)
// expect: [10, 20, 30]
set s = "  Hi  "
  .trim()
  .upper()
print(s)
// expect: HI
set o = {a: {b: 7}}
set v = o
  .a
  .b
print(v)
// expect: 7
