// format(pattern) takes strftime conversions, in UTC.
set t = now()
set iso = t.iso()
print(t.format("%Y-%m-%d") == iso.slice(0, 10))
// expect: true
print(t.format("%H:%M:%S") == iso.slice(11, 19))
// expect: true
print(t.format("%Y-%m-%dT%H:%M:%S") == iso.slice(0, 19))
// expect: true
print(t.format("year %Y!").starts_with("year "), t.format("%Y").length, type_of(t.format("%Y")))
// expect: true 4 string
