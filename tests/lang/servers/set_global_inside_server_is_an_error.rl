set counter = 0
server s {
    receive fn bump() { set counter = counter + 1 }
    receive fn read() { counter }
}
try { message("s", "bump") } catch e { print(e.kind, e.error.contains("use state")) }
print(message("s", "read"))
// expect: TypeError true
// expect: 0
