// libFuzzer target: lexer + parser + resolver on arbitrary bytes (`make fuzz`).
// Any input must give a program or a syntax error: never a crash, a hang or
// unbounded recursion.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lang/interp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view source(reinterpret_cast<const char*>(data), size);
    (void)relay::check_syntax(source, "fuzz.rl");
    return 0;
}
