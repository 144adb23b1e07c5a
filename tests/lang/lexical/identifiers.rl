set _private = 1
set camelCase2 = 2
set snake_case_3 = 3
set __ = 4
print(_private + camelCase2 + snake_case_3 + __)
// expect: 10
// Identifiers are case-sensitive.
set abc = "lower"
set ABC = "upper"
set Abc = "mixed"
print(abc, ABC, Abc)
// expect: lower upper mixed
