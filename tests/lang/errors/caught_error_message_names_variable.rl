set e = try { totally_unknown_name } catch err { err }
print(e.error.contains("totally_unknown_name"))
// expect: true
