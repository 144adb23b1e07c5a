// Operator semantics (LANGUAGE.md §2, §3) and the display form (§9, §12).
// Number cases are inline; everything else goes out of line.
#pragma once

#include <cmath>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>

#include "lang/value.h"

namespace relay {

// ---- truthiness: nil false 0 "" [] {} are falsy --------------------------------
bool truthy_slow(const Value& v) noexcept;
inline bool truthy(const Value& v) noexcept {
    switch (v.type()) {
        case Type::Nil: return false;
        case Type::Bool: return v.as_bool();
        case Type::Number: return v.as_number() != 0;  // NaN is not listed as falsy: truthy
        default: return truthy_slow(v);
    }
}

// ---- equality: structural, no conversions between types -----------------------
bool equals_slow(const Value& a, const Value& b);
inline bool equals(const Value& a, const Value& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case Type::Nil: return true;
        case Type::Bool: return a.as_bool() == b.as_bool();
        case Type::Number: return a.as_number() == b.as_number();
        case Type::Datetime: return a.as_datetime() == b.as_datetime();
        default: return a.heap() == b.heap() || equals_slow(a, b);
    }
}

// ---- ordering: numbers, strings (by code point), datetimes; else TypeError ------
// Three-way compare; for NaN operands returns 2 ("unordered": every < <= > >= is false).
int compare_slow(const Value& a, const Value& b);
inline int compare(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        double x = a.as_number(), y = b.as_number();
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
    }
    return compare_slow(a, b);
}
inline bool less(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) return a.as_number() < b.as_number();
    return compare_slow(a, b) == -1;
}
inline bool less_equal(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) return a.as_number() <= b.as_number();
    int c = compare_slow(a, b);
    return c == -1 || c == 0;
}
inline bool greater(const Value& a, const Value& b) { return less(b, a); }
inline bool greater_equal(const Value& a, const Value& b) { return less_equal(b, a); }

// ---- arithmetic ------------------------------------------------------------------
// `+`: numbers add; a string on either side concatenates the display form of
// the other; array + array concatenates; else TypeError. `a` is taken by value
// so a uniquely owned string/array is appended to in place.
Value add_slow(Value a, const Value& b);
inline Value add(Value a, const Value& b) {
    if (a.is_number() && b.is_number()) return Value::number(a.as_number() + b.as_number());
    return add_slow(std::move(a), b);
}

[[noreturn]] void arithmetic_type_error(char op, const Value& a, const Value& b);
[[noreturn]] void division_by_zero(char op);

inline Value sub(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) [[likely]] return Value::number(a.as_number() - b.as_number());
    arithmetic_type_error('-', a, b);
}
inline Value mul(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) [[likely]] return Value::number(a.as_number() * b.as_number());
    arithmetic_type_error('*', a, b);
}
inline Value div(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) [[likely]] {
        if (b.as_number() == 0) division_by_zero('/');
        return Value::number(a.as_number() / b.as_number());
    }
    arithmetic_type_error('/', a, b);
}
// `%` takes the sign of the dividend (C fmod). Integral operands with a
// positive divisor (the common case) use integer division, which is several
// times faster than fmod and gives the same result, fmod being exact
// (including -0 for a negative dividend).
[[gnu::always_inline]] inline double fmod_fast(double x, double y) {
#if defined(__x86_64__)
    // cvttsd2si is defined for every input: NaN, infinities and values out of
    // range give INT64_MIN, which then fails the round trip (or, for exactly
    // -2^63, is that value).
    const int64_t ix = _mm_cvttsd_si64(_mm_set_sd(x));
    const int64_t iy = _mm_cvttsd_si64(_mm_set_sd(y));
    if (iy > 0 && static_cast<double>(ix) == x && static_cast<double>(iy) == y) {
        const int64_t r = ix % iy;
        if (r == 0 && x < 0) return -0.0;
        return static_cast<double>(r);
    }
#else
    constexpr double kLimit = 9007199254740992.0;  // 2^53: exact in both representations
    if (x > -kLimit && x < kLimit && y > 0 && y < kLimit) {
        auto ix = static_cast<int64_t>(x), iy = static_cast<int64_t>(y);
        if (static_cast<double>(ix) == x && static_cast<double>(iy) == y && iy != 0) {
            int64_t r = ix % iy;
            if (r == 0 && x < 0) return -0.0;
            return static_cast<double>(r);
        }
    }
#endif
    return std::fmod(x, y);
}
inline Value mod(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) [[likely]] {
        if (b.as_number() == 0) division_by_zero('%');
        return Value::number(fmod_fast(a.as_number(), b.as_number()));
    }
    arithmetic_type_error('%', a, b);
}
[[noreturn]] void negate_type_error(const Value& a);
inline Value negate(const Value& a) {
    if (a.is_number()) [[likely]] return Value::number(-a.as_number());
    negate_type_error(a);
}

// ---- display ---------------------------------------------------------------------
// Numbers exactly as JavaScript's String(x).
void format_number(double d, std::string& out);
std::string format_number(double d);
// The display form. At top level a string is written raw; inside containers
// strings are quoted with JSON escapes.
void display(const Value& v, std::string& out, bool top_level = true);
std::string to_display(const Value& v);  // display(v, out, true)
// A key that is a valid identifier is shown bare in objects.
bool is_identifier(std::string_view s) noexcept;

// Short description for error messages: type name (struct name for structs).
std::string describe_type(const Value& v);

}  // namespace relay
