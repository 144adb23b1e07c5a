set s = "abc"
set u = s.upper()
print(s, u)
// expect: abc ABC
set t = s
set s = s + "d"
print(s, t)
// expect: abcd abc
