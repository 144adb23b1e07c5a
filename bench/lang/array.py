from functools import reduce
xs = []
for i in range(200000):
    xs.append(i)
doubled = list(map(lambda x: x * 2, xs))
thirds = list(filter(lambda x: x % 3 == 0, doubled))
print(reduce(lambda acc, x: acc + x, thirds, 0))
