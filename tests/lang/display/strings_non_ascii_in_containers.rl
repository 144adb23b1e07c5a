// decision: as JSON.stringify, non-ASCII characters are not escaped inside containers.
print(["é", "😀", "日本"])
// expect: ["é", "😀", "日本"]
