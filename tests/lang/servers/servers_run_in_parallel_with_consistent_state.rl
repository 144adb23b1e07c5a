// Many callers through one server: every increment counted exactly once.
server counter {
    state { n: number = 0 }
    receive fn inc() { state.set("n", state.n + 1) }
    receive fn get() { state.n }
}
server worker {
    receive fn run(times: number) {
        for i in range(times) { message("counter", "inc") }
        times
    }
}
server worker2 {
    receive fn run(times: number) {
        for i in range(times) { message("counter", "inc") }
        times
    }
}
print(message("worker", "run", 1000) + message("worker2", "run", 1000))
print(message("counter", "get"))
// expect: 2000
// expect: 2000
