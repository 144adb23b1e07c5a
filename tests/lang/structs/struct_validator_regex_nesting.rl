// Groups nest at most 100 deep (std::regex compiles them recursively).
struct Deep { v: string.regex("(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))") }
// expect-exit: 2
// expect-stderr: groups nested too deeply
