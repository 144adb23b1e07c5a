print("")
// expect:
print("".length, type_of(""))
// expect: 0 string
print("" == "", "" + "" == "")
// expect: true true
