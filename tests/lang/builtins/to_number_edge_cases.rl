// decision: the empty string is not numeric (nil), unlike JavaScript's Number("").
print(to_number(""))
// expect: nil
// decision: surrounding white space is ignored (as JS Number(" 7 ") and Python float(" 7 ")).
print(to_number(" 7 "))
// expect: 7
// decision: bools are not numbers.
print(to_number(true))
// expect: nil
