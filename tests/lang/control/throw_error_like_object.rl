// A user-thrown object is not reshaped.
set e = try { throw {error: "custom", kind: "MyError"} } catch err { err }
print(e, e.line)
// expect: {error: "custom", kind: "MyError"} nil
