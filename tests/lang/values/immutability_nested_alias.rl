// Values reachable from elsewhere never change when a variable is rebuilt.
set o = {list: [1]}
set inner = o.list
set o = o.set("list", o.list.push(2))
print(o, inner)
// expect: {list: [1, 2]} [1]
set m = [[1]]
set first = m[0]
set m = m.set(0, m[0].push(9))
print(m, first)
// expect: [[1, 9]] [1]
