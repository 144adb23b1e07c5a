{
  set a = 1
  {
    set b = 2
    print(a + b)
  }
  print(try { b } catch e { e.kind })
  set a = a + 100
  print(a)
}
// expect: 3
// expect: NameError
// expect: 101
