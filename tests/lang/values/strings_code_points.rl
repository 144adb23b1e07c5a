// length, indexing and slicing count Unicode code points.
set s = "naïve 😀!"
print(s.length)
// expect: 8
print(s[2], s[6], s[7])
// expect: ï 😀 !
print(s.slice(6, 8))
// expect: 😀!
print(s.index_of("😀"), s.index_of("!"))
// expect: 6 7
