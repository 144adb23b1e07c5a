// A function declared inside another one calls itself by its name. When that
// name is never bound to anything else afterwards, the function reads itself
// instead of the variable holding it, so it does not keep itself alive
// (docs/LANGUAGE_DECISIONS.md, "Memory"). Behaviour is the same either way:
// this file pins it down for every shape the resolver treats differently.

// A local recursive declaration, in a function called many times (it leaked
// a closure and a cell per call before: the ASan build's leak check fails here).
fn count_down(n) {
    fn go(k) { if k < 1 { 0 } else { 1 + go(k - 1) } }
    go(n)
}
set total = 0
for i in range(3000) { set total = total + count_down(3) }
print(total)
// expect: 9000

// Its own value, read inside it: the same function the block's variable holds.
fn own() {
    fn me(k) { if k < 1 { me } else { me(k - 1) } }
    set got = me(2)
    print(got, got == me, type_of(got), to_string(got))
}
own()
// expect: <fn me> true function <fn me>

// `set f = fn ...`: the name must be bound before the literal to be seen in
// it (a `set` declares its name after evaluating its value).
fn factorial(n) {
    set fact = nil
    set fact = fn(k) { if k < 2 { 1 } else { k * fact(k - 1) } }
    fact(n)
}
print(factorial(10), factorial(1))
// expect: 3628800 1
fn unbound_in_literal() {
    set go = fn(k) { go }
    try { go(1) } catch e { e.kind }
}
print(unbound_in_literal())
// expect: NameError

// An earlier assignment of the name (a placeholder) does not matter.
fn placeholder() {
    set walk = "placeholder"
    print(walk)
    fn walk(k) { if k < 1 { "walked" } else { walk(k - 1) } }
    walk(3)
}
print(placeholder())
// expect: placeholder
// expect: walked

// Reassigned later: late binding is still observed by the old function.
fn late() {
    fn go(k) { if k < 1 { "old" } else { go(k - 1) } }
    set first = go
    set go = fn(k) { "new" }
    [first(0), first(2)]
}
print(late())
// expect: ["old", "new"]
fn late_from_closure() {
    fn go(k) { if k < 1 { "old" } else { go(k - 1) } }
    set swap = fn() { set go = fn(k) { "swapped" } }
    set first = go
    set before = first(1)
    swap()
    [before, first(1)]
}
print(late_from_closure())
// expect: ["old", "swapped"]
fn declared_twice() {
    fn go(k) { if k < 1 { "first" } else { go(k - 1) } }
    set first = go
    fn go(k) { if k < 1 { "second" } else { go(k - 1) } }
    [first(1), go(1)]
}
print(declared_twice())
// expect: ["second", "second"]

// Bound in a nested block of the variable's block: the name's cell outlives
// one run of the binding, so the function keeps reading the variable. That
// shape still holds its own cell, a cycle: `set go = nil` breaks it (so the
// ASan build's leak check passes; docs/LANGUAGE_DECISIONS.md, "Memory").
fn bound_in_loop() {
    set go = nil
    set fs = []
    for i in range(3) {
        set go = fn(k) { if k < 1 { i } else { go(k - 1) } }
        set fs = fs.push(go)
    }
    set results = fs.map(fn(f) { f(1) })
    set go = nil
    results
}
print(bound_in_loop())
// expect: [2, 2, 2]

// Declared in a loop body: each iteration's function is its own.
fn declared_in_loop() {
    set fs = []
    for i in range(3) {
        fn go(k) { if k < 1 { i } else { go(k - 1) } }
        set fs = fs.push(go)
    }
    [fs.map(fn(f) { f(2) }), fs[0] == fs[1]]
}
print(declared_in_loop())
// expect: [[0, 1, 2], false]

// Before its declaration runs the hoisted name is nil, at every iteration.
fn read_before_declaration() {
    for i in range(2) {
        print(go)
        fn go(k) { go }
    }
}
read_before_declaration()
// expect: nil
// expect: nil

// Closures made inside the function that refer to its name, one and two
// levels deep, called at once or after the function returned.
fn sum_tree(t) {
    fn walk(node) { node.value + node.children.map(fn(c) { walk(c) }).reduce(fn(a, b) { a + b }, 0) }
    walk(t)
}
print(sum_tree({value: 1, children: [{value: 2, children: []}, {value: 3, children: [{value: 4, children: []}]}]}))
// expect: 10
fn deep(n) {
    fn go(k) {
        if k < 1 { return "bottom" }
        set step = fn() {
            set inner = fn() { go(k - 1) }
            inner()
        }
        step()
    }
    go(n)
}
print(deep(3))
// expect: bottom
fn escaping() {
    fn go(k) { if k < 1 { fn() { go } } else { go(k - 1) } }
    go(2)
}
set again = escaping()()
print(again, again(0)() == again)
// expect: <fn go> true

// Parameters and inner declarations with the same name shadow it.
fn shadowed() {
    fn go(go) { go }
    fn outer(k) {
        fn go(j) { "inner " + j }
        go(k)
    }
    [go(5), outer(1)]
}
print(shadowed())
// expect: [5, "inner 1"]

// Helpers of a server call themselves too.
server calc {
    fn fact(n) { if n < 2 { 1 } else { n * fact(n - 1) } }
    receive fn f(n) { fact(n) }
}
print(message("calc", "f", 5))
// expect: 120

// Errors of a call to itself: same kinds, messages and lines as any call,
// for a function with captured parameters too.
fn arity() {
    fn go(k) { if k < 1 { go() } else { go(k - 1) } }
    try { go(2) } catch e { [e.kind, e.error] }
}
print(arity())
// expect: ["ArgumentError", "go() takes 1 argument, got 0"]
fn typed() {
    fn go(k: number) -> number { if k < 1 { go("x") } else { go(k - 1) } }
    try { go(2) } catch e { [e.kind, e.error, e.line] }
}
print(typed())
// expect: ["TypeError", "invalid params: fn go: parameter 'k' expected number, got string", 181]
fn captured_param(n) {
    fn go(k) {
        set f = fn() { k }
        if k < 1 { f() } else { go(k - 1) }
    }
    go(n)
}
print(captured_param(3))
// expect: 0

// Deep local recursion, and the depth limit, as for top-level functions.
fn deep_local(n) {
    fn depth(k) { if k == 0 { 0 } else { 1 + depth(k - 1) } }
    depth(n)
}
print(deep_local(10000))
// expect: 10000
fn overflow() {
    fn forever(n) { 1 + forever(n + 1) }
    set e = try { forever(0) } catch err { err }
    [e.kind, e.error]
}
print(overflow())
// expect: ["StackOverflowError", "stack overflow: more than 12000 nested calls"]
