// Test helpers for the value-layer tests: a CallContext that runs native
// functions, and short constructors.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "lang/builtins.h"
#include "lang/error.h"
#include "lang/ops.h"
#include "lang/value.h"

namespace relay::testing {

// Runs NativeFunction callbacks (the interpreter runs closures in the real program).
class NativeCallContext final : public CallContext {
public:
    Value call(const Value& fn, std::span<const Value> args) override {
        std::vector<Value> copy(args.begin(), args.end());
        return static_cast<const NativeFunction&>(fn.as_function()).invoke(*this, copy);
    }
};

inline Value num(double d) { return Value::number(d); }
inline Value str(std::string_view s) { return Value::string(s); }
inline Value arr(std::initializer_list<Value> items) { return Value::array(std::vector<Value>(items)); }
inline Value obj(std::initializer_list<std::pair<std::string_view, Value>> entries) {
    Value v = Value::object();
    for (const auto& [k, val] : entries) v.mut_object().set(k, val);
    return v;
}
inline std::string show(const Value& v) { return to_display(v); }
// Display with strings quoted (as inside containers).
inline std::string repr(const Value& v) {
    std::string out;
    display(v, out, false);
    return out;
}

// receiver.name(args...) through the public dispatch.
inline Value call(Value receiver, std::string_view name, std::vector<Value> args = {}) {
    NativeCallContext ctx;
    return call_method(ctx, std::move(receiver), method_id(name), name, args);
}

inline ErrorKind error_kind_of(auto&& fn) {
    try {
        fn();
    } catch (const RelayError& e) {
        return e.kind;
    }
    return ErrorKind::Thrown;  // "no error" marker: never expected by the tests
}

}  // namespace relay::testing
