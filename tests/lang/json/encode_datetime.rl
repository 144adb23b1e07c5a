// Datetimes encode as RFC 3339 strings.
set t = now()
print(json_encode(t) == "\"" + t.iso() + "\"")
// expect: true
print(json_encode({at: t}) == `{"at":"${t.iso()}"}`)
// expect: true
print(type_of(json_decode(json_encode(t))))
// expect: string
