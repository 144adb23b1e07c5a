// expect-args: -call-timeout 300ms
server spinner {
    state { touched: bool = false }
    receive fn spin() {
        state.set("touched", true)
        for i in range(1e12) { }
    }
    receive fn touched() { state.touched }
}
print(try { message("spinner", "spin") } catch e { e.kind })
print(message("spinner", "touched"))
// expect: TimeoutError
// expect: false
