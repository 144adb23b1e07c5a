// Runtime errors arrive as {error: "message", kind: "...", line: N}.
set e = try {
  nil + 1
} catch err {
  err
}
print(type_of(e), e.kind, e.line, type_of(e.error))
// expect: object TypeError 3 string
print(e.keys().sort())
// expect: ["error", "kind", "line"]
print(e.error.length > 0)
// expect: true
