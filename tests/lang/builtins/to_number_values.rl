print(to_number("42"), to_number("2.5"), to_number("-3"), to_number("1e3"), to_number(".5"))
// expect: 42 2.5 -3 1000 0.5
print(to_number(7), to_number(-0.5))
// expect: 7 -0.5
print(to_number("abc"), to_number("12abc"), to_number(nil), to_number([1]))
// expect: nil nil nil nil
print(type_of(to_number("1")))
// expect: number
