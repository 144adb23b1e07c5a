// A datetime displays as RFC 3339 with milliseconds, e.g. 2024-01-01T12:00:00.000Z.
set t = now()
print(to_string(t) == t.iso(), to_string(t).length)
// expect: true 24
