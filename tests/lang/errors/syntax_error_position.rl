// Syntax errors report file:line:column.
// expect-exit: 2
// expect-stderr: syntax error
// expect-stderr: syntax_error_position.rl:6:
set ok = 1
set bad = ok + )
