// libFuzzer target: json_decode must never crash, and whatever it accepts must
// re-encode to JSON that decodes to an equal value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lang/error.h"
#include "lang/json.h"
#include "lang/ops.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    relay::Value v;
    try {
        v = relay::json_decode(text);
    } catch (const relay::RelayError& e) {
        if (e.kind != relay::ErrorKind::JSONError) std::abort();
        return 0;
    }
    std::string encoded;
    try {
        encoded = relay::json_encode(v);
    } catch (const relay::RelayError& e) {
        // Only numbers out of double range (1e400 -> Infinity) cannot be re-encoded.
        if (e.kind != relay::ErrorKind::JSONError) std::abort();
        return 0;
    }
    relay::Value again = relay::json_decode(encoded);
    if (!relay::equals(v, again)) std::abort();
    std::string shown;
    relay::display(v, shown, true);
    return 0;
}
