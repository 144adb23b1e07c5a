// A function returns the value of its last expression; an empty body gives nil.
fn empty() {}
fn last() { 1; 2; 3 }
fn cond(x) { if x { "yes" } }
print(empty(), last(), cond(true), cond(false))
// expect: nil 3 yes nil
fn returns_object() { {} }
fn returns_object2() { {a: 1} }
print(returns_object(), type_of(returns_object()), returns_object2())
// expect: {} object {a: 1}
