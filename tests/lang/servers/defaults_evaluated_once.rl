set calls = 0
fn make_default() {
    set calls = calls + 1
    [calls]
}
server s {
    state { v: [number] = make_default() }
    receive fn get() { state.v }
}
print(message("s", "get"), message("s", "get"), calls)
// expect: [1] [1] 1
