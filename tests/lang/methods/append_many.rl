// Copy-on-write: appending 200,000 items one at a time must be fast (O(N)).
set xs = []
for i in range(200000) { set xs = xs.push(i) }
print(xs.length, xs[199999])     // expect: 200000 199999
set o = {}
for i in range(100000) { set o = o.set("k" + i, i) }
print(o.length, o.get("k99999"))  // expect: 100000 99999
