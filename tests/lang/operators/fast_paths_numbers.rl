// The evaluator computes `local OP local/constant` inline when both are
// numbers; everything else must behave exactly as the general operators.
fn mod(a, b) { a % b }
print(mod(7, 3), mod(-7, 3), mod(7, -3), mod(-7, -3))       // expect: 1 -1 1 -1
print(mod(-6, 3), mod(6, 3), mod(0, 5))                     // expect: 0 0 0
print(mod(5.5, 2), mod(-5.5, 2), mod(0.5, 0.2))             // expect: 1.5 -1.5 0.09999999999999998
print(mod(9007199254740993, 10), mod(-9223372036854775808, 7))  // expect: 2 -1
print(mod(9223372036854775808, 7), mod(1e300, 7))           // expect: 1 1
print(mod(7, 1e300), mod(-7, -1e300), mod(2.5, 1))          // expect: 7 -7 0.5
print(try { mod(1, 0) } catch e { e.kind })                 // expect: ZeroDivisionError
print(try { mod("a", 2) } catch e { e.kind })               // expect: TypeError
fn arith(a, b) { [a + b, a - b, a * b, a < b, a <= b, a > b, a >= b, a == b, a != b] }
print(arith(2, 3))        // expect: [5, -1, 6, true, true, false, false, false, true]
print(arith(3, 3))        // expect: [6, 0, 9, false, true, false, true, true, false]
fn words(a, b) { [a + b, a < b, a == b, a != b] }
print(words("a", "b"))    // expect: ["ab", true, false, true]
print(try { arith("a", "b") } catch e { e.kind })  // expect: TypeError
fn pick(a, b) { if a < b { "less" } else { "not less" } }
print(pick(1, 2), pick(2, 1), pick("a", "b"))      // expect: less not less less
print(try { pick(1, "b") } catch e { e.kind })     // expect: TypeError
fn calls(n) { [mod(n, 4), mod(n - 1, 4), pick(n * 2, n + 1)] }
print(calls(5))           // expect: [1, 0, "not less"]
fn div(a, b) { a / b }
print(div(7, 2), div(-1, 4), div(1, 3))             // expect: 3.5 -0.25 0.3333333333333333
print(try { div(1, 0) } catch e { e.kind })          // expect: ZeroDivisionError
print(try { div("a", 2) } catch e { e.kind })        // expect: TypeError
fn avg(total, n) { set sum = 0
    for i in range(n) { set sum = sum + total / n }
    sum }
print(avg(10, 4), try { avg(1, 0) } catch e { e.kind }, try { avg(1, 1) + avg(nil, 1) } catch e { e.kind })
// expect: 10 0 TypeError
