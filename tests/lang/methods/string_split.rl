print("a,b,c".split(","))
// expect: ["a", "b", "c"]
print("a::b::c".split("::"))
// expect: ["a", "b", "c"]
print("abc".split(","))
// expect: ["abc"]
print(",a,".split(","))
// expect: ["", "a", ""]
print("one two".split(" ").length)
// expect: 2
// decision: splitting the empty string gives [""] (as JS and Python).
print("".split(","))
// expect: [""]
