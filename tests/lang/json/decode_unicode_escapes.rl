print(json_decode("\"\\u00e9\""), json_decode("\"\\ud83d\\ude00\"").length)
// expect: é 1
print(json_decode("\"a\\nb\"").length, json_decode("\"\\\"q\\\"\""))
// expect: 3 "q"
print(json_decode("\"é\""), json_decode("\"\\ud83d\\ude00\"") == "😀")
// expect: é true
