o = {}
for i in range(100000):
    o["k" + str(i)] = i
total = 0
for i in range(100000):
    total = total + o["k" + str(i)]
print(len(o), total)
