// The parts of iso() agree with unix() and unix_ms().
set t = now()
set iso = t.iso()
print(t.unix_ms() % 1000 == to_number(iso.slice(20, 23)))
// expect: true
print(t.unix() % 60 == to_number(iso.slice(17, 19)))
// expect: true
print((t.unix() / 60).floor() % 60 == to_number(iso.slice(14, 16)))
// expect: true
print((t.unix() / 3600).floor() % 24 == to_number(iso.slice(11, 13)))
// expect: true
