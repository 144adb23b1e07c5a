fn f() { 1 }
print(f())
// expect: 1
set f = fn () { 2 }
print(f())
// expect: 2
