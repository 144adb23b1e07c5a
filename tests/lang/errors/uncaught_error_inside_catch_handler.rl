// expect-exit: 1
// expect-stderr: NameError
try { throw "first" } catch e { print("handling " + e); unknown_in_handler }
// expect: handling first
