// Ties are decided on the exact binary value (as JavaScript toFixed): 0.125 is an exact tie,
// 1.005 is really 1.00499999999999989...
print((0.125).fixed(2), (-0.125).fixed(2), (1.005).fixed(2))
// expect: 0.13 -0.13 1.00
print((0.5).fixed(0), (1.5).fixed(0), (2.5).fixed(0))
// expect: 1 2 3
