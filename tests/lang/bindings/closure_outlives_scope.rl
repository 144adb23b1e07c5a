fn adder(n) { fn (x) { x + n } }
set add5 = adder(5)
print(add5(10), adder(1)(1))
// expect: 15 2
