set o = {}
for i in range(100000) { set o = o.set("k" + i, i) }
set total = 0
for i in range(100000) { set total = total + o.get("k" + i) }
print(o.length, total)
