// state.get/set/has/keys and state.f (LANGUAGE.md §7)
server box {
    state { n: number = 1, label: string = "a", tags: [string] = [] }
    receive fn probe() {
        print(state.get("n"), state.n, state.has("label"), state.has("nope"))
        print(state.keys())
        print(state.set("n", 5), state.n)
        state.set("tags", state.tags.push("x"))
        state.tags
    }
}
print(message("box", "probe"))
// expect: 1 1 true false
// expect: ["n", "label", "tags"]
// expect: 5 5
// expect: ["x"]
