// A zero step is an ArgumentError.
print(try { range(0, 5, 0) } catch e { e.kind })
// expect: ArgumentError
print(try { range(5, 0, 0) } catch e { e.kind })
// expect: ArgumentError
