// An error inside a callback propagates out of the method.
print(try { [1, 0].map(fn (x) { 1 / x }) } catch e { e.kind })
// expect: ZeroDivisionError
print(try { [1].filter(fn (x) { throw "from filter" }) } catch e { e })
// expect: from filter
