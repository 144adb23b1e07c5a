// decision: print() with no arguments prints an empty line.
print()
// expect:
print("x")
// expect: x
