local function map(t, f) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
local function filter(t, f) local r = {} for i = 1, #t do if f(t[i]) then r[#r + 1] = t[i] end end return r end
local function reduce(t, f, acc) for i = 1, #t do acc = f(acc, t[i]) end return acc end
local xs = {}
for i = 0, 200000 - 1 do xs[#xs + 1] = i end
local doubled = map(xs, function(x) return x * 2 end)
local thirds = filter(doubled, function(x) return x % 3 == 0 end)
print(reduce(thirds, function(acc, x) return acc + x end, 0))
