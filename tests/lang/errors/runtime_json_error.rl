// expect-exit: 1
// expect-stderr: runtime_json_error.rl:3: JSONError
print(json_decode("[1, 2"))
