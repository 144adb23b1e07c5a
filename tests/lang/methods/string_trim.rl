print("[" + "  a b  ".trim() + "]")
// expect: [a b]
print("[" + "\t\n x \r\n".trim() + "]")
// expect: [x]
print("[" + "   ".trim() + "]", "[" + "".trim() + "]")
// expect: [] []
