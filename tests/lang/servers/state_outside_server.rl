print(state.get("x"))
// expect-exit: 2
// expect-stderr: 'state' is only available inside a server
