// Each message is a transaction on the server's state.
server account {
    state { balance: number = 100, log: [string] = [] }
    receive fn withdraw(amount: number) {
        state.set("balance", state.balance - amount)
        state.set("log", state.log.push("withdraw"))
        if state.balance < 0 { throw {error: "insufficient funds"} }
        state.balance
    }
    receive fn get() { [state.balance, state.log] }
}
print(message("account", "withdraw", 30))
print(try { message("account", "withdraw", 500) } catch e { e.error })
print(message("account", "get"))
// expect: 70
// expect: insufficient funds
// expect: [70, ["withdraw"]]
