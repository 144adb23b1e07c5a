print("\u{41}\u{42}\u{43}")
// expect: ABC
print("caf\u{e9}")
// expect: café
print("\u{1F600}")
// expect: 😀
print("\u{1F600}".length, "\u{e9}".length)
// expect: 1 1
print("\u{E9}" == "é", "\u{0041}" == "A", "\u{1f600}" == "😀")
// expect: true true true
