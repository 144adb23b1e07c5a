if true { set t = 5 }
print(try { t } catch e { e.kind })
// expect: NameError
for i in [1, 2] { set tmp = i }
print(try { tmp } catch e { e.kind })
// expect: NameError
