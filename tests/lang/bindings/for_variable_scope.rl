// decision: the loop variable is bound in the loop body only (like JS "for (let x of xs)");
// an outer variable of the same name is untouched.
set x = "outer"
for x in [1, 2] { print(x) }
// expect: 1
// expect: 2
print(x)
// expect: outer
for fresh in [1] { }
print(try { fresh } catch e { e.kind })
// expect: NameError
