// If either side of + is a string, the other is converted with to_string.
print("a" + "b", "n=" + 1.5, 2 + "x")
// expect: ab n=1.5 2x
print("v" + true, "v" + nil, "" + -0)
// expect: vtrue vnil 0
print("a" + [1, "b"], "o" + {k: "v"})
// expect: a[1, "b"] o{k: "v"}
print("" + 0.1 + 0.2, "" + (0.1 + 0.2))
// expect: 0.10.2 0.30000000000000004
print("x" + 1e21, 1e-7 + "y")
// expect: x1e+21 1e-7y
