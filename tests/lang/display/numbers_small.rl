// Below 1e-6 JavaScript switches to exponent form.
print(0.000001, 0.0000012, 1e-7, 1.5e-7, 0.00000123)
// expect: 0.000001 0.0000012 1e-7 1.5e-7 0.00000123
print(1e-100, 5e-324, -2.5e-8)
// expect: 1e-100 5e-324 -2.5e-8
