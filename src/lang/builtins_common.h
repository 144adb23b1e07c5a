// Helpers shared by the builtins_*.cpp files (argument checking, errors).
// Internal to src/lang: not part of the public API.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "lang/builtins.h"
#include "lang/error.h"
#include "lang/ops.h"
#include "lang/value.h"

namespace relay::detail {

// Names the method or function in error messages ("array.push()", "range()").
// Built only when an error is raised: the success path allocates nothing.
struct Where {
    std::string_view prefix;  // receiver type name, or "" for functions
    std::string_view name;
    std::string str() const {
        std::string s;
        if (!prefix.empty()) (s += prefix) += '.';
        (s += name) += "()";
        return s;
    }
};

inline Where method_where(const Value& receiver, std::string_view name) { return Where{type_name(receiver.type()), name}; }

inline void expect_args(const Where& label, std::span<Value> args, size_t min, size_t max) {
    if (args.size() < min || args.size() > max) {
        std::string expected = min == max ? std::to_string(min)
                                          : std::to_string(min) + " to " + std::to_string(max);
        raise(ErrorKind::ArgumentError, label.str() + " takes " + expected + " argument" +
                                            (max == 1 && min == 1 ? "" : "s") + ", got " +
                                            std::to_string(args.size()));
    }
}

inline const Value& expect_type(const Where& label, const Value& v, Type t, std::string_view role = "argument") {
    if (v.type() != t)
        raise(ErrorKind::TypeError, label.str() + ": " + std::string(role) + " must be " +
                                        std::string(type_name(t)) + ", got " + describe_type(v));
    return v;
}

inline std::string_view expect_string(const Where& label, const Value& v) {
    return expect_type(label, v, Type::String).string_view();
}

inline double expect_number(const Where& label, const Value& v) {
    return expect_type(label, v, Type::Number).as_number();
}

}  // namespace relay::detail
