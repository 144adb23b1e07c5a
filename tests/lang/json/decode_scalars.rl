print(json_decode("null"), json_decode("true"), json_decode("false"))
// expect: nil true false
print(json_decode("42"), json_decode("-1.5e2"), json_decode("0.25"))
// expect: 42 -150 0.25
print(json_decode("\"text\""), type_of(json_decode("\"text\"")))
// expect: text string
