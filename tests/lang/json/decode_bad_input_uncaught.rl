// expect-exit: 1
// expect-stderr: JSONError
print("before")
// expect: before
json_decode("{\"a\": }")
print("after")
