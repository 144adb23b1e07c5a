set xs = [3, 1, 2]
print(xs.length, xs.get(0), xs[2], xs.first(), xs.last())     // expect: 3 3 2 3 2
print(xs.set(0, 9), xs)                                       // expect: [9, 1, 2] [3, 1, 2]
print(xs.push(4), xs.add(5), xs.prepend(0))                   // expect: [3, 1, 2, 4] [3, 1, 2, 5] [0, 3, 1, 2]
print(xs.append([7, 8]), xs.insert(1, 6))                     // expect: [3, 1, 2, 7, 8] [3, 6, 1, 2]
print(xs.pop(), xs.remove_at(0), [1, 2, 1].remove(1))         // expect: [3, 1] [1, 2] [2]
print(xs.includes(2), xs.index_of(2), xs.index_of(7))         // expect: true 2 -1
print(xs.map(fn (x) { x * 2 }), xs.map(fn (x, i) { i }))      // expect: [6, 2, 4] [0, 1, 2]
print(xs.filter(fn (x) { x > 1 }), xs.find(fn (x) { x < 3 })) // expect: [3, 2] 1
print(xs.find(fn (x) { x > 5 }))                              // expect: nil
print(xs.reduce(fn (acc, x) { acc + x }, 0))                  // expect: 6
print(xs.sort(), ["b", "a"].sort(), xs.reverse())             // expect: [1, 2, 3] ["a", "b"] [2, 1, 3]
print([{n: 2}, {n: 1}].sort_by(fn (o) { o.n }))               // expect: [{n: 1}, {n: 2}]
print([1, 2, 1].replace(1, 0), xs.slice(1, 2), xs.join("-"))  // expect: [0, 2, 0] [1] 3-1-2
print([].first(), [].is_empty(), xs.is_empty())               // expect: nil true false
print(try { [].pop() } catch e { e.kind })                    // expect: IndexError
print(try { xs.get(3) } catch e { e.kind })                   // expect: IndexError
print(try { [1, "a"].sort() } catch e { e.kind })             // expect: TypeError
