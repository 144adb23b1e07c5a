// An RFC 3339 string in JSON decodes to a plain string, not a datetime.
set v = json_decode("\"2024-01-01T12:00:00.000Z\"")
print(type_of(v), v)
// expect: string 2024-01-01T12:00:00.000Z
set o = json_decode("{\"at\": \"2024-01-01T12:00:00Z\"}")
print(type_of(o.at), o)
// expect: string {at: "2024-01-01T12:00:00Z"}
