// decision: the catch variable is bound in the catch block only.
try { throw 1 } catch err { print(err) }
// expect: 1
print(try { err } catch e { e.kind })
// expect: NameError
