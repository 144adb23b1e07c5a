print((42).to_string(), (0.5).toString(), (-0).to_string(), (1e21).to_string())
// expect: 42 0.5 0 1e+21
print((0.1 + 0.2).to_string(), (1e-7).toString())
// expect: 0.30000000000000004 1e-7
print(type_of((1).to_string()), (12).to_string().length)
// expect: string 2
