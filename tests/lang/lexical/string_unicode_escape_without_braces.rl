// decision: \u must be followed by {hex}; the JSON form \u0041 is an unknown escape.
// expect-exit: 2
// expect-stderr: syntax error
print("before")
print("\u0041")
