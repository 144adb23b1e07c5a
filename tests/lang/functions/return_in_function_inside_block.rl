if true {
  fn f() { return 3 }
  print(f())
}
// expect: 3
