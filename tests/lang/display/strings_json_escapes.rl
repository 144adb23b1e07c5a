// Strings inside containers are quoted with JSON escapes.
print(["nl\n", "tab\t", "cr\r"])
// expect: ["nl\n", "tab\t", "cr\r"]
print(["nul\0", "bell\u{7}", "esc\u{1b}", "unit\u{1f}"])
// expect: ["nul\u0000", "bell\u0007", "esc\u001b", "unit\u001f"]
print({s: "a\"b"})
// expect: {s: "a\"b"}
