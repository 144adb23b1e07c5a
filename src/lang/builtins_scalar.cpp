// Methods of strings, numbers and datetimes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "lang/builtins_common.h"
#include "lang/datetime.h"

namespace relay {

Value call_string_method(Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
Value call_number_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
Value call_datetime_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args);
[[noreturn]] void no_such_method(const Value& receiver, std::string_view name);

using namespace detail;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim_view(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return s.substr(b, e - b);
}

// Code point boundaries resolved from possibly negative, out-of-range indices (JS slice rules).
size_t clamp_slice_index(double i, size_t length) {
    if (std::isnan(i)) return 0;
    double n = static_cast<double>(length);
    if (i < 0) i = std::max(0.0, n + std::trunc(i));
    return static_cast<size_t>(std::min(std::trunc(i), n));
}

}  // namespace

Value split_characters(const String& s) {
    std::string_view text = s.view();
    std::vector<Value> parts;
    parts.reserve(s.length());
    for (size_t pos = 0; pos < text.size();) {
        size_t len = std::min(String::sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
        while (pos + len < text.size() && (static_cast<unsigned char>(text[pos + len]) & 0xC0) == 0x80) ++len;
        parts.push_back(len == 1 ? Value::ascii_char(static_cast<unsigned char>(text[pos]))
                                 : Value::string(text.substr(pos, len)));
        pos += len;
    }
    return Value::array(std::move(parts));
}

namespace {

Value split_string(const String& s, std::span<Value> args, const Where& label) {
    std::vector<Value> parts;
    std::string_view text = s.view();
    if (args.empty()) {  // split() splits on runs of whitespace
        size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && is_space(text[i])) ++i;
            size_t start = i;
            while (i < text.size() && !is_space(text[i])) ++i;
            if (i > start) parts.push_back(Value::string(text.substr(start, i - start)));
        }
        return Value::array(std::move(parts));
    }
    std::string_view sep = expect_string(label, args[0]);
    if (sep.empty()) return split_characters(s);  // split("") gives the characters
    size_t start = 0;
    for (;;) {
        size_t hit = text.find(sep, start);
        if (hit == std::string_view::npos) break;
        parts.push_back(Value::string(text.substr(start, hit - start)));
        start = hit + sep.size();
    }
    parts.push_back(Value::string(text.substr(start)));
    return Value::array(std::move(parts));
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    if (from.empty()) {  // as Python: insert between every character and at both ends
        out += to;
        for (size_t pos = 0; pos < text.size();) {
            size_t len = std::min(String::sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
            out += text.substr(pos, len);
            out += to;
            pos += len;
        }
        return out;
    }
    size_t start = 0;
    for (;;) {
        size_t hit = text.find(from, start);
        if (hit == std::string_view::npos) break;
        out += text.substr(start, hit - start);
        out += to;
        start = hit + from.size();
    }
    out += text.substr(start);
    return out;
}

// ASCII case mapping; other code points are kept as they are.
Value map_case(Value& receiver, bool upper) {
    std::string_view text = receiver.string_view();
    auto needs_change = [&](char c) { return upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'); };
    if (std::none_of(text.begin(), text.end(), needs_change)) return std::move(receiver);
    std::string out(text);
    for (char& c : out)
        if (needs_change(c)) c = static_cast<char>(c ^ 0x20);
    return Value::string(std::move(out));
}

// JS toFixed with ties rounded away from zero, computed on the exact decimal
// expansion of the double (glibc prints it exactly).
std::string to_fixed(double x, int digits) {
    if (!std::isfinite(x) || std::fabs(x) >= 1e21) return format_number(x);
    bool negative = x < 0;
    std::vector<char> buf(1200);
    int n = std::snprintf(buf.data(), buf.size(), "%.1100f", std::fabs(x));
    std::string exact(buf.data(), static_cast<size_t>(n));
    size_t point = exact.find('.');
    std::string integer = exact.substr(0, point);
    std::string fraction = exact.substr(point + 1);
    bool round_up = fraction[static_cast<size_t>(digits)] >= '5';
    std::string kept = integer + fraction.substr(0, static_cast<size_t>(digits));
    if (round_up) {
        int i = static_cast<int>(kept.size()) - 1;
        while (i >= 0 && kept[static_cast<size_t>(i)] == '9') kept[static_cast<size_t>(i--)] = '0';
        if (i < 0) kept.insert(kept.begin(), '1');
        else ++kept[static_cast<size_t>(i)];
    }
    size_t int_len = kept.size() - static_cast<size_t>(digits);
    std::string out = kept.substr(0, int_len);
    if (digits > 0) out += "." + kept.substr(int_len);
    if (negative) out.insert(out.begin(), '-');  // as JavaScript: (-0.001).toFixed(2) is "-0.00"
    return out;
}

}  // namespace

void no_such_method(const Value& receiver, std::string_view name) {
    raise(ErrorKind::TypeError, describe_type(receiver) + " has no method '" + std::string(name) + "'");
}

Value call_string_method(Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    const String& s = receiver.as_string();
    switch (id) {
        case MethodId::length:
            expect_args(label, args, 0, 0);
            return Value::number(static_cast<double>(s.length()));
        case MethodId::upper:
        case MethodId::lower:
            expect_args(label, args, 0, 0);
            return map_case(receiver, id == MethodId::upper);
        case MethodId::trim: {
            expect_args(label, args, 0, 0);
            std::string_view t = trim_view(s.view());
            if (t.size() == s.byte_size()) return std::move(receiver);
            return Value::string(t);
        }
        case MethodId::split: expect_args(label, args, 0, 1); return split_string(s, args, label);
        case MethodId::contains:
            expect_args(label, args, 1, 1);
            return Value::boolean(s.view().find(expect_string(label, args[0])) != std::string_view::npos);
        case MethodId::starts_with:
            expect_args(label, args, 1, 1);
            return Value::boolean(s.view().starts_with(expect_string(label, args[0])));
        case MethodId::ends_with:
            expect_args(label, args, 1, 1);
            return Value::boolean(s.view().ends_with(expect_string(label, args[0])));
        case MethodId::replace: {
            expect_args(label, args, 2, 2);
            std::string_view from = expect_string(label, args[0]);
            std::string to = to_display(args[1]);
            if (!from.empty() && s.view().find(from) == std::string_view::npos) return std::move(receiver);
            return Value::string(replace_all(s.view(), from, to));
        }
        case MethodId::slice: {
            expect_args(label, args, 1, 2);
            size_t begin = clamp_slice_index(expect_number(label, args[0]), s.length());
            size_t end = args.size() == 2 && !args[1].is_nil()
                             ? clamp_slice_index(expect_number(label, args[1]), s.length())
                             : s.length();
            if (end <= begin) return Value::string(std::string());
            if (begin == 0 && end == s.length()) return std::move(receiver);
            size_t b = s.byte_offset(begin);
            return Value::string(s.view().substr(b, s.byte_offset(end) - b));
        }
        case MethodId::index_of: {
            expect_args(label, args, 1, 1);
            size_t hit = s.view().find(expect_string(label, args[0]));
            if (hit == std::string_view::npos) return Value::number(-1);
            double index = s.is_ascii() ? static_cast<double>(hit)
                                        : static_cast<double>(String::count_code_points(s.view().substr(0, hit)));
            return Value::number(index);
        }
        case MethodId::get: {  // s.get(i): same as s[i]
            expect_args(label, args, 1, 1);
            return get_index(receiver, args[0]);
        }
        case MethodId::is_empty: expect_args(label, args, 0, 0); return Value::boolean(s.byte_size() == 0);
        case MethodId::to_number: {
            expect_args(label, args, 0, 0);
            auto n = parse_number(s.view());
            return n ? Value::number(*n) : Value::nil();
        }
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return std::move(receiver);
        default: no_such_method(receiver, name);
    }
}

Value call_number_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    double x = receiver.as_number();
    switch (id) {
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return Value::string(format_number(x));
        case MethodId::floor: expect_args(label, args, 0, 0); return Value::number(std::floor(x));
        case MethodId::ceil: expect_args(label, args, 0, 0); return Value::number(std::ceil(x));
        case MethodId::round: expect_args(label, args, 0, 0); return Value::number(std::round(x));  // half away from 0
        case MethodId::abs: expect_args(label, args, 0, 0); return Value::number(std::fabs(x));
        case MethodId::fixed: {
            expect_args(label, args, 0, 1);
            double digits = args.empty() ? 0 : expect_number(label, args[0]);
            if (!(digits >= 0 && digits <= 100) || digits != std::trunc(digits))
                raise(ErrorKind::ArgumentError, label.str() + ": digits must be an integer from 0 to 100");
            return Value::string(to_fixed(x, static_cast<int>(digits)));
        }
        default: no_such_method(receiver, name);
    }
}

Value call_datetime_method(const Value& receiver, MethodId id, std::string_view name, std::span<Value> args) {
    const Where label = method_where(receiver, name);
    int64_t ms = receiver.as_datetime();
    switch (id) {
        case MethodId::iso:
        case MethodId::to_string:
        case MethodId::toString: expect_args(label, args, 0, 0); return Value::string(format_iso(ms));
        case MethodId::unix: {
            expect_args(label, args, 0, 0);
            int64_t seconds = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);  // floor
            return Value::number(static_cast<double>(seconds));
        }
        case MethodId::unix_ms: expect_args(label, args, 0, 0); return Value::number(static_cast<double>(ms));
        case MethodId::format:
            expect_args(label, args, 1, 1);
            return Value::string(format_datetime(ms, expect_string(label, args[0])));
        default: no_such_method(receiver, name);
    }
}

}  // namespace relay
