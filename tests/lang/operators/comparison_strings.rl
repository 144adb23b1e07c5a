// Strings compare by code point.
print("a" < "b", "Z" < "a", "abc" < "abd", "ab" < "abc", "" < "a")
// expect: true true true true true
print("a" <= "a", "b" >= "a", "b" > "ab", "10" < "9")
// expect: true true true true
print("é" > "z", "\u{1F600}" > "\u{FF61}")
// expect: true true
