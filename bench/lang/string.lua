-- Idiomatic Lua: `s = s .. "ab"` in a loop is quadratic, so build with table.concat.
local parts = {}
for i = 1, 100000 do parts[#parts + 1] = "ab" end
local s = table.concat(parts)
print(#s)
