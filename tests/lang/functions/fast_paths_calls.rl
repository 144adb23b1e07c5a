// Calls of closures without captured variables or annotations take a fast
// path, and `set x = x + e` in a loop updates x in place: same results,
// errors and traces as the general path.
fn add3(a, b, c) { a + b + c }
print(add3(1, 2, 3), add3("a", 1, 2))               // expect: 6 a12
print(try { add3(1, 2) } catch e { e.error })       // expect: add3() takes 3 arguments, got 2
fn first_big(xs, limit) {
    for x in xs { if x > limit { return x } }
    return nil
}
print(first_big([1, 5, 9], 4), first_big([1], 4))   // expect: 5 nil
fn fails(n) { if n == 0 { 1 + nil } else { fails(n - 1) } }
print(try { fails(2) } catch e { [e.kind, e.line] })  // expect: ["TypeError", 12]
fn count(n) { if n == 0 { 0 } else { 1 + count(n - 1) } }
print(count(5000))                                   // expect: 5000
print(try { count(20000) } catch e { e.kind })       // expect: StackOverflowError
print(count(3))                                      // expect: 3
fn sum_to(n) {
    set total = 0
    for i in range(n) { set total = total + i % 3 }
    total
}
print(sum_to(10))                                    // expect: 9
set acc = 0
for i in range(5) { set acc = acc + i * 2 }
print(acc)                                           // expect: 20
set text = ""
for i in range(3) { set text = text + i }
print(text)                                          // expect: 012
set mixed = 1
for i in range(3) { set mixed = mixed + (if i == 1 { "x" } else { i }) }
print(mixed)                                         // expect: 1x2
set bad = nil
print(try { for i in range(2) { set bad = bad + i } } catch e { e.kind })  // expect: TypeError
for i in range(3) { set i = i * 10
    print(i) }
// expect: 0
// expect: 10
// expect: 20
