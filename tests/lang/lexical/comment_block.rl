/* A block comment. */ print("one")
// expect: one
/* spanning
   several
   lines */
print("two")
// expect: two
print(1 /* inline */ + 2)
// expect: 3
print(/**/ "empty comment")
// expect: empty comment
/* stars ** inside * are fine **/
print("three")
// expect: three
