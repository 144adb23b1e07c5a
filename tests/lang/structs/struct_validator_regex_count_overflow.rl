// The same overflow as the fuzzer's back-reference, in a repetition count.
struct Code { v: string.regex("a{1,99999999999999999999}") }
// expect-exit: 2
// expect-stderr: repetition count too large
