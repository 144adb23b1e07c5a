// Found by the fuzzer: std::regex overflowed a `long` reading this
// back-reference (undefined behaviour in libstdc++). Refused up front.
struct Code { v: string.regex("^\\7777777777777777777d$") }
// expect-exit: 2
// expect-stderr: back-reference number too large
