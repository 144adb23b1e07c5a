server box {
    state { n: number = 0, any_field = nil }
    receive fn bad() { state.set("n", "text") }
    receive fn loose() { state.set("any_field", [1, "two"]) }
    receive fn unknown() { state.set("missing", 1) }
}
try { message("box", "bad") } catch e { print(e.kind) }
print(message("box", "loose"))
try { message("box", "unknown") } catch e { print(e.kind) }
// expect: TypeError
// expect: [1, "two"]
// expect: FieldError
