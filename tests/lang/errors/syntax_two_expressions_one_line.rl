// decision: two expressions on one line need a ";" between them.
// expect-exit: 2
// expect-stderr: syntax error
print("must not run") print("nor this")
