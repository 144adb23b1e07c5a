set xs = [1, 2, 3, 4]
print(xs.reduce(fn (acc, x) { acc + x }, 0), xs.reduce(fn (acc, x) { acc * x }, 1))
// expect: 10 24
// reduce passes (acc, element, index) to a three-parameter function.
print(xs.reduce(fn (acc, x, i) { acc + i }, 0))
// expect: 6
print([].reduce(fn (acc, x) { acc + x }, "init"))
// expect: init
print(["a", "b"].reduce(fn (acc, x) { acc.push(x.upper()) }, []))
// expect: ["A", "B"]
print(xs.reduce(fn (acc, x) { acc.set(to_string(x), x * x) }, {}))
// expect: {"1": 1, "2": 4, "3": 9, "4": 16}
