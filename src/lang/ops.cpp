#include "lang/ops.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "lang/datetime.h"
#include "lang/error.h"
#include "lang/json.h"
#include "lang/types.h"

namespace relay {

bool truthy_slow(const Value& v) noexcept {
    switch (v.type()) {
        case Type::String: return v.as_string().byte_size() != 0;
        case Type::Array: return !v.as_array().items.empty();
        case Type::Object: return !v.as_object().empty();
        default: return true;
    }
}

bool equals_slow(const Value& a, const Value& b) {
    switch (a.type()) {
        case Type::String: {
            const String& x = a.as_string();
            const String& y = b.as_string();
            return x.byte_size() == y.byte_size() && x.view() == y.view();
        }
        case Type::Array: {
            const auto& x = a.as_array().items;
            const auto& y = b.as_array().items;
            if (x.size() != y.size()) return false;
            for (size_t i = 0; i < x.size(); ++i)
                if (!equals(x[i], y[i])) return false;
            return true;
        }
        case Type::Object: {
            const Object& x = a.as_object();
            const Object& y = b.as_object();
            if (x.size() != y.size()) return false;
            for (const auto& entry : x.entries()) {
                const Value* other = y.find(entry.key_view());
                if (!other || !equals(entry.value, *other)) return false;
            }
            return true;
        }
        case Type::Struct: {
            const Struct& x = a.as_struct();
            const Struct& y = b.as_struct();
            if (x.type != y.type && x.type_name() != y.type_name()) return false;
            if (x.fields.size() != y.fields.size()) return false;
            for (size_t i = 0; i < x.fields.size(); ++i)
                if (!equals(x.fields[i], y.fields[i])) return false;
            return true;
        }
        case Type::Server: return a.as_server().name() == b.as_server().name();
        default: return false;  // functions: identity only (checked by the caller)
    }
}

std::string describe_type(const Value& v) { return type_of(v); }

int compare_slow(const Value& a, const Value& b) {
    if (a.type() == b.type()) {
        switch (a.type()) {
            case Type::Number: return compare(a, b);
            // UTF-8 byte order is code point order.
            case Type::String: {
                int c = a.string_view().compare(b.string_view());
                return c < 0 ? -1 : c > 0 ? 1 : 0;
            }
            case Type::Datetime:
                return a.as_datetime() < b.as_datetime() ? -1 : a.as_datetime() > b.as_datetime() ? 1 : 0;
            default: break;
        }
    }
    raise(ErrorKind::TypeError, "cannot compare " + describe_type(a) + " with " + describe_type(b));
}

Value add_slow(Value a, const Value& b) {
    if (a.is_string() && !a.unique()) {  // shared: build the result in one allocation
        std::string text;
        text.reserve(a.as_string().byte_size() + (b.is_string() ? b.as_string().byte_size() : 16));
        text.append(a.string_view());
        display(b, text, true);
        return Value::string(std::move(text));
    }
    if (a.is_string()) {
        if (b.is_string()) {
            a.mut_string().append(b.string_view());
        } else {
            std::string text;
            display(b, text, true);
            a.mut_string().append(text);
        }
        return a;
    }
    if (b.is_string()) {
        std::string text;
        display(a, text, true);
        text.append(b.string_view());
        return Value::string(std::move(text));
    }
    if (a.is_array() && b.is_array()) {
        const auto& extra = b.as_array().items;
        if (a.heap() == b.heap()) {  // xs + xs: copy first, b aliases a
            std::vector<Value> copy = extra;
            auto& items = a.mut_array().items;
            items.insert(items.end(), copy.begin(), copy.end());
        } else {
            auto& items = a.mut_array().items;
            items.insert(items.end(), extra.begin(), extra.end());
        }
        return a;
    }
    arithmetic_type_error('+', a, b);
}

void arithmetic_type_error(char op, const Value& a, const Value& b) {
    raise(ErrorKind::TypeError, std::string("cannot apply '") + op + "' to " + describe_type(a) + " and " +
                                    describe_type(b));
}

void division_by_zero(char op) {
    raise(ErrorKind::ZeroDivisionError, op == '/' ? "division by zero" : "modulo by zero");
}

void negate_type_error(const Value& a) {
    raise(ErrorKind::TypeError, "cannot negate " + describe_type(a) + " (unary '-' needs a number)");
}

// ---- numbers as JavaScript's Number.prototype.toString --------------------------

void format_number(double d, std::string& out) {
    if (d != d) { out += "NaN"; return; }
    if (d == 0) { out += '0'; return; }  // also -0
    if (d == std::numeric_limits<double>::infinity()) { out += "Infinity"; return; }
    if (d == -std::numeric_limits<double>::infinity()) { out += "-Infinity"; return; }
    if (d < 0) { out += '-'; d = -d; }
    // Integers below 2^53 are the common case: print them directly.
    if (d < 9007199254740992.0 && d == static_cast<double>(static_cast<int64_t>(d))) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(d));
        out.append(buf, r.ptr);
        return;
    }
    // Shortest round-trip digits in scientific form: d[.ddd]e±x.
    char buf[40];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
    size_t e_pos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e_pos))
        if (c != '.') digits += c;
    int exponent = 0;
    std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+'), sci.data() + sci.size(), exponent);
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;  // value = 0.digits * 10^n
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<size_t>(n));
        out += '.';
        out.append(digits, static_cast<size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
}

std::string format_number(double d) {
    std::string s;
    format_number(d, s);
    return s;
}

// ---- display ----------------------------------------------------------------------

bool is_identifier(std::string_view s) noexcept {
    if (s.empty()) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(s[0])) return false;
    for (char c : s)
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

static void display_key(std::string_view key, std::string& out) {
    if (is_identifier(key)) out += key;
    else append_json_string(key, out);
}

void display(const Value& v, std::string& out, bool top_level) {
    switch (v.type()) {
        case Type::Nil: out += "nil"; return;
        case Type::Bool: out += v.as_bool() ? "true" : "false"; return;
        case Type::Number: format_number(v.as_number(), out); return;
        case Type::Datetime: format_iso(v.as_datetime(), out); return;
        case Type::String:
            if (top_level) out += v.string_view();
            else append_json_string(v.string_view(), out);
            return;
        case Type::Array: {
            out += '[';
            bool first = true;
            for (const Value& item : v.as_array().items) {
                if (!first) out += ", ";
                first = false;
                display(item, out, false);
            }
            out += ']';
            return;
        }
        case Type::Object: {
            out += '{';
            bool first = true;
            for (const auto& entry : v.as_object().entries()) {
                if (!first) out += ", ";
                first = false;
                display_key(entry.key_view(), out);
                out += ": ";
                display(entry.value, out, false);
            }
            out += '}';
            return;
        }
        case Type::Struct: {
            const Struct& s = v.as_struct();
            out += s.type_name();
            out += '{';
            for (size_t i = 0; i < s.fields.size(); ++i) {
                if (i) out += ", ";
                display_key(s.type->fields[i].name, out);
                out += ": ";
                display(s.fields[i], out, false);
            }
            out += '}';
            return;
        }
        case Type::Function: {
            std::string_view name = v.as_function().name();
            out += "<fn";
            if (!name.empty()) {
                out += ' ';
                out += name;
            }
            out += '>';
            return;
        }
        case Type::Server:
            out += "<server ";
            out += v.as_server().name();
            out += '>';
            return;
    }
}

std::string to_display(const Value& v) {
    if (v.is_string()) return v.as_string().str();
    std::string out;
    display(v, out, true);
    return out;
}

}  // namespace relay
