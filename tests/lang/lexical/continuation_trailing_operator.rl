// A line ending with a binary operator continues on the next line.
set a = 1 +
  2 *
  3
print(a)
// expect: 7
set b = true &&
  false
print(b)
// expect: false
set c = 1 ==
  1
print(c)
// expect: true
set d = nil ??
  "dflt"
print(d)
// expect: dflt
set e = 10 -
  4 /
  2
print(e)
// expect: 8
set f = false ||
  5 >
  3
print(f)
// expect: true
set g = 7 %
  4
print(g)
// expect: 3
set h = "x" +
  "y"
print(h)
// expect: xy
