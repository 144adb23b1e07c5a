// A server that messages itself runs the call at once, re-entrantly.
server s {
    state { depth: number = 0 }
    receive fn down(n) {
        state.set("depth", state.depth + 1)
        if n == 0 { state.depth } else { message("s", "down", n - 1) }
    }
}
print(message("s", "down", 4))
// expect: 5
