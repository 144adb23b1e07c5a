print("top level is raw: \"q\" \\")
// expect: top level is raw: "q" \
print(["in array"], {k: "in object"})
// expect: ["in array"] {k: "in object"}
print(["quote \" backslash \\ slash /"])
// expect: ["quote \" backslash \\ slash /"]
