print("  Hello, World  ".trim().lower().replace("world", "relay").split(", "))
// expect: ["hello", "relay"]
print("a-b".split("-").map(fn (p) { p.upper() }).join("+"))
// expect: A+B
