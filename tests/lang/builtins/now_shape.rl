// now() is a datetime; its display form is RFC 3339 with milliseconds: 2024-01-01T12:00:00.000Z
set t = now()
set s = t.iso()
print(type_of(t), type_of(s), s.length)
// expect: datetime string 24
print(s[4], s[7], s[10], s[13], s[16], s[19], s[23])
// expect: - - T : : . Z
print(to_number(s.slice(0, 4)) >= 2024, to_number(s.slice(5, 7)) <= 12, to_number(s.slice(8, 10)) <= 31)
// expect: true true true
