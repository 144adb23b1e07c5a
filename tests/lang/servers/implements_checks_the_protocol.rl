protocol Counter {
    increment(by: number) -> number
    get_count() -> number
}
server good implements Counter {
    state { n: number = 0 }
    receive fn increment(by: number) -> number { state.set("n", state.n + by) }
    receive fn get_count() -> number { state.n }
}
print(message("good", "increment", 2))
server bad implements Counter {
    receive fn increment() { 0 }
}
// expect: 2
// expect-exit: 1
// expect-stderr: does not implement Counter: missing increment(by) (has 0 parameters), get_count()
