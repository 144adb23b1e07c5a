server a { receive fn ping() { message("b", "pong") } }
server b { receive fn pong() { message("a", "ping") } }
try { message("a", "ping") } catch e { print(e.kind, e.error) }
// expect: MessageError call cycle: a -> b -> a
