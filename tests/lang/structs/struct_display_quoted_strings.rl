struct Msg { text: string, tags: [string] }
print(Msg{text: "say \"hi\"", tags: ["a b"]})
// expect: Msg{text: "say \"hi\"", tags: ["a b"]}
