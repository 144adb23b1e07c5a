fn fact(n) { if n <= 1 { 1 } else { n * fact(n - 1) } }
fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
print(fact(10), fib(20))
// expect: 3628800 6765
fn is_even(n) { if n == 0 { true } else { is_odd(n - 1) } }
fn is_odd(n) { if n == 0 { false } else { is_even(n - 1) } }
print(is_even(10), is_odd(7), is_even(7))
// expect: true true false
