set count = 0
fn inc() { set count = count + 1 }
inc()
inc()
print(count)
// expect: 2
print(inc(), count)
// expect: 3 3
