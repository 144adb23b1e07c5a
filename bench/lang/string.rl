set s = ""
for i in range(100000) { set s = s + "ab" }
print(s.length)
