local o, n = {}, 0
for i = 0, 100000 - 1 do o["k" .. i] = i; n = n + 1 end
local total = 0
for i = 0, 100000 - 1 do total = total + o["k" .. i] end
print(n, total)
