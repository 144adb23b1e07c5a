// Syntax errors show the offending line and a caret.
// expect-exit: 2
// expect-stderr: syntax error
// expect-stderr: set broken = [1, 2 3]
// expect-stderr: ^
set broken = [1, 2 3]
