// Numbers display exactly as JavaScript's String(x).
print(3)                  // expect: 3
print(2.5)                // expect: 2.5
print(0.1 + 0.2)          // expect: 0.30000000000000004
print(1 / 3)              // expect: 0.3333333333333333
print(1e21)               // expect: 1e+21
print(1e20)               // expect: 100000000000000000000
print(123456789012345680000) // expect: 123456789012345680000
print(1e-7)               // expect: 1e-7
print(0.000001)           // expect: 0.000001
print(-0)                 // expect: 0
print(-2.5e-8)            // expect: -2.5e-8
print(10 / 4)             // expect: 2.5
print(2 * 3.5)            // expect: 7
