fn ping(n) { if n == 0 { "done" } else { pong(n - 1) } }
fn pong(n) { if n == 0 { "done" } else { ping(n - 1) } }
print(ping(9998))
// expect: done
