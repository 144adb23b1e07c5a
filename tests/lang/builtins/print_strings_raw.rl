// Strings print raw at top level and quoted inside containers.
print("say \"hi\"")
// expect: say "hi"
print(["say \"hi\""])
// expect: ["say \"hi\""]
print({msg: "x"}, "x")
// expect: {msg: "x"} x
print([["nested"]])
// expect: [["nested"]]
