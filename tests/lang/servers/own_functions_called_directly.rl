server counter {
    state { count: number = 0 }
    receive fn increment(by: number) -> number {
        state.set("count", state.count + by)
        get_count()
    }
    receive fn get_count() -> number { state.count }
    receive fn twice() { increment(1); increment(1) }
}
print(message("counter", "increment", 5))
print(message("counter", "twice"))
// expect: 5
// expect: 7
