// A struct constructor in an if head must be parenthesised.
struct P { x: number }
set p = P{x: 1}
if p == (P{x: 1}) { print("equal") } else { print("different") }
// expect: equal
if (P{x: 2}).x > p.x { print("bigger") }
// expect: bigger
