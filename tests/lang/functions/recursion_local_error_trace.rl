// An error deep in local recursive functions (a declaration, and a
// `set f = fn` literal) reports each call by its name, as for top-level
// functions: the self reference does not change traces (recursion_local_no_leak.rl).
// expect-exit: 1
// expect-stderr: recursion_local_error_trace.rl:13: ZeroDivisionError: division by zero
// expect-stderr:   in anonymous fn (called at line 13)
// expect-stderr:   in anonymous fn (called at line 14)
// expect-stderr:   in go (called at line 14)
// expect-stderr:   in go (called at line 15)
// expect-stderr:   in work (called at line 17)
fn work(n) {
    set fact = nil
    set fact = fn(k) { if k < 1 { 1 / 0 } else { k * fact(k - 1) } }
    fn go(k) { if k < 1 { fact(1) } else { go(k - 1) } }
    go(n)
}
work(2)
