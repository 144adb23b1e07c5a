print(42, 3.14, .5, 1e3, 2.5e-3)
// expect: 42 3.14 0.5 1000 0.0025
print(0, 1.0, 2.50, 1e0, 12e1)
// expect: 0 1 2.5 1 120
print(-.5, -1e3, 1.5e3, 25e-1)
// expect: -0.5 -1000 1500 2.5
print(type_of(42), type_of(.5), type_of(1e3))
// expect: number number number
