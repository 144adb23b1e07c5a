// Back-references and repetition counts within the limits work as before
// (the limits: see regex_limits_problem in src/lang/types.cpp).
struct Ok { v: string.regex("^(a)\\1{2,3}[0-9]{1,99}$") }
print(Ok{v: "aaa7"}.v, try { Ok{v: "a7"} } catch e { e.kind })  // expect: aaa7 ValidationError
