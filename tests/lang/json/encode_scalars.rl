print(json_encode(nil), json_encode(true), json_encode(3), json_encode("s"))
// expect: null true 3 "s"
print(type_of(json_encode(1)), json_encode("") == "\"\"")
// expect: string true
