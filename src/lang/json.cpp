#include "lang/json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include "lang/datetime.h"
#include "lang/error.h"
#include "lang/ops.h"
#include "lang/types.h"

namespace relay {

namespace json = boost::json;

// ---- JSON -> Value -----------------------------------------------------------------

Value json_to_value(const json::value& j) {
    switch (j.kind()) {
        case json::kind::null: return Value::nil();
        case json::kind::bool_: return Value::boolean(j.get_bool());
        case json::kind::int64: return Value::number(static_cast<double>(j.get_int64()));
        case json::kind::uint64: return Value::number(static_cast<double>(j.get_uint64()));
        case json::kind::double_: return Value::number(j.get_double());
        case json::kind::string: return Value::string(std::string_view(j.get_string()));
        case json::kind::array: {
            std::vector<Value> items;
            items.reserve(j.get_array().size());
            for (const json::value& item : j.get_array()) items.push_back(json_to_value(item));
            return Value::array(std::move(items));
        }
        case json::kind::object: {
            Object o;
            o.reserve(j.get_object().size());
            for (const auto& kv : j.get_object()) o.set(std::string_view(kv.key()), json_to_value(kv.value()));
            return Value::object(std::move(o));
        }
    }
    return Value::nil();
}

// ---- strings and datetimes -----------------------------------------------------------
//
// Every JSON answer goes through these, so they append whole runs of bytes:
// one character at a time took about 17 % of a GET /registry with 1,000
// servers (PERFORMANCE.md (f)).

namespace {

// What a byte becomes inside a JSON string: 0 = itself; 'u' = \u00XX; else the
// character after the backslash. Only '"', '\\' and control characters need one.
constexpr std::array<char, 256> kJsonEscapes = [] {
    std::array<char, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = 'u';
    table['"'] = '"';
    table['\\'] = '\\';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table['\t'] = 't';
    table['\b'] = 'b';
    table['\f'] = 'f';
    return table;
}();

}  // namespace

void append_json_string(std::string_view s, std::string& out) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto needs_escape = [](char c) { return kJsonEscapes[static_cast<unsigned char>(c)] != 0; };
    const char* const end = s.data() + s.size();
    const char* const first_escape = std::find_if(s.data(), end, needs_escape);
    if (first_escape == end) {  // the usual case: one append, the quotes come with it
        const std::size_t at = out.size();
        out.append(s.size() + 2, '"');
        if (!s.empty()) std::memcpy(out.data() + at + 1, s.data(), s.size());
        return;
    }
    out += '"';
    const char* run = s.data();  // start of the bytes not yet appended
    for (const char* at = first_escape; at != end; ++at) {
        const auto byte = static_cast<unsigned char>(*at);
        const char escape = kJsonEscapes[byte];
        if (escape == 0) continue;
        out.append(run, at);
        if (escape == 'u') {
            const char text[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 15]};
            out.append(text, sizeof text);
        } else {
            const char text[] = {'\\', escape};
            out.append(text, sizeof text);
        }
        run = at + 1;
    }
    out.append(run, end);
    out += '"';
}

void append_json_datetime(int64_t ms, std::string& out) {
    out += '"';
    format_iso(ms, out);
    out += '"';
}

// ---- Value -> JSON -----------------------------------------------------------------

namespace {

[[noreturn]] void non_finite(double d) {
    raise(ErrorKind::JSONError, "cannot encode " + format_number(d) + " as JSON");
}

std::string function_text(const Value& v) {
    std::string s;
    display(v, s, true);
    return s;
}

}  // namespace

json::value value_to_json(const Value& v) {
    switch (v.type()) {
        case Type::Nil: return nullptr;
        case Type::Bool: return v.as_bool();
        case Type::Number: {
            double d = v.as_number();
            if (!std::isfinite(d)) non_finite(d);
            if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) return static_cast<int64_t>(d);
            return d;
        }
        case Type::Datetime: return json::string(format_iso(v.as_datetime()));
        case Type::String: return json::string(v.string_view());
        case Type::Array: {
            json::array a;
            a.reserve(v.as_array().items.size());
            for (const Value& item : v.as_array().items) a.push_back(value_to_json(item));
            return a;
        }
        case Type::Object: {
            json::object o;
            o.reserve(v.as_object().size());
            for (const auto& e : v.as_object().entries()) o[e.key_view()] = value_to_json(e.value);
            return o;
        }
        case Type::Struct: {
            const Struct& s = v.as_struct();
            json::object o;
            o.reserve(s.fields.size() + 1);
            o["_type"] = s.type_name();
            for (size_t i = 0; i < s.fields.size(); ++i) o[s.type->fields[i].name] = value_to_json(s.fields[i]);
            return o;
        }
        case Type::Function:
        case Type::Server: return json::string(function_text(v));
    }
    return nullptr;
}

void write_json(const Value& v, std::string& out) {
    switch (v.type()) {
        case Type::Nil: out += "null"; return;
        case Type::Bool: out += v.as_bool() ? "true" : "false"; return;
        case Type::Number: {
            double d = v.as_number();
            if (!std::isfinite(d)) non_finite(d);
            format_number(d, out);
            return;
        }
        case Type::Datetime: append_json_datetime(v.as_datetime(), out); return;
        case Type::String: append_json_string(v.string_view(), out); return;
        case Type::Array: {
            out += '[';
            bool first = true;
            for (const Value& item : v.as_array().items) {
                if (!first) out += ',';
                first = false;
                write_json(item, out);
            }
            out += ']';
            return;
        }
        case Type::Object: {
            out += '{';
            bool first = true;
            for (const auto& e : v.as_object().entries()) {
                if (!first) out += ',';
                first = false;
                append_json_string(e.key_view(), out);
                out += ':';
                write_json(e.value, out);
            }
            out += '}';
            return;
        }
        case Type::Struct: {
            const Struct& s = v.as_struct();
            out += "{\"_type\":";
            append_json_string(s.type_name(), out);
            for (size_t i = 0; i < s.fields.size(); ++i) {
                out += ',';
                append_json_string(s.type->fields[i].name, out);
                out += ':';
                write_json(s.fields[i], out);
            }
            out += '}';
            return;
        }
        case Type::Function:
        case Type::Server: append_json_string(function_text(v), out); return;
    }
}

std::string json_encode(const Value& v) {
    std::string out;
    write_json(v, out);
    return out;
}

void write_json(const json::value& j, std::string& out) {
    switch (j.kind()) {
        case json::kind::null: out += "null"; return;
        case json::kind::bool_: out += j.get_bool() ? "true" : "false"; return;
        case json::kind::int64: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, j.get_int64());
            out.append(buf, r.ptr);
            return;
        }
        case json::kind::uint64: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, j.get_uint64());
            out.append(buf, r.ptr);
            return;
        }
        case json::kind::double_: {
            double d = j.get_double();
            if (std::isfinite(d)) format_number(d, out);
            else out += "null";  // JSON has no NaN/Infinity
            return;
        }
        case json::kind::string: append_json_string(std::string_view(j.get_string()), out); return;
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (const json::value& item : j.get_array()) {
                if (!first) out += ',';
                first = false;
                write_json(item, out);
            }
            out += ']';
            return;
        }
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : j.get_object()) {
                if (!first) out += ',';
                first = false;
                append_json_string(std::string_view(kv.key()), out);
                out += ':';
                write_json(kv.value(), out);
            }
            out += '}';
            return;
        }
    }
}

std::string to_json_string(const json::value& j) {
    std::string out;
    write_json(j, out);
    return out;
}

// ---- parsing ------------------------------------------------------------------------
//
// Boost.JSON 1.81 converts some decimal numbers imprecisely (json::parse("3e+34")
// is one ulp off), so we drive its SAX parser ourselves and re-read every
// non-integer number from its text with std::from_chars (correctly rounded).

namespace {

using boost::system::error_code;

// Collects the text of a number (it may arrive in parts) and converts it exactly.
class NumberText {
public:
    void part(std::string_view s) { text_.append(s); }
    double finish(double approximate, std::string_view last) {
        std::string_view full = last;
        if (!text_.empty()) {
            text_.append(last);
            full = text_;
        }
        double exact = approximate;
        auto r = std::from_chars(full.data(), full.data() + full.size(), exact);
        if (r.ec == std::errc::result_out_of_range) exact = approximate;  // overflow/underflow: keep Boost's
        text_.clear();
        return exact;
    }
    void clear() { text_.clear(); }

private:
    std::string text_;
};

struct HandlerLimits {
    static constexpr std::size_t max_object_size = std::size_t(-1) >> 1;
    static constexpr std::size_t max_array_size = std::size_t(-1) >> 1;
    static constexpr std::size_t max_key_size = std::size_t(-1) >> 1;
    static constexpr std::size_t max_string_size = std::size_t(-1) >> 1;
    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_comment_part(json::string_view, error_code&) { return true; }
    bool on_comment(json::string_view, error_code&) { return true; }
};

// Builds relay Values directly (no boost::json::value in between). Finished
// values and keys wait on a stack until their container ends.
struct ValueBuilder : HandlerLimits {
    std::vector<Value> stack;
    std::string text;
    NumberText number;

    bool on_array_end(std::size_t n, error_code&) {
        std::vector<Value> items(std::make_move_iterator(stack.end() - static_cast<ptrdiff_t>(n)),
                                 std::make_move_iterator(stack.end()));
        stack.resize(stack.size() - n);
        stack.push_back(Value::array(std::move(items)));
        return true;
    }
    bool on_object_end(std::size_t n, error_code&) {
        Object o;
        o.reserve(n);
        const size_t base = stack.size() - 2 * n;
        for (size_t i = base; i < stack.size(); i += 2) o.set(stack[i], std::move(stack[i + 1]));  // last duplicate wins
        stack.resize(base);
        stack.push_back(Value::object(std::move(o)));
        return true;
    }
    bool on_key_part(json::string_view s, std::size_t, error_code&) { return text.append(s.data(), s.size()), true; }
    bool on_key(json::string_view s, std::size_t, error_code&) { return finish_string(s); }
    bool on_string_part(json::string_view s, std::size_t, error_code&) { return text.append(s.data(), s.size()), true; }
    bool on_string(json::string_view s, std::size_t, error_code&) { return finish_string(s); }
    bool on_number_part(json::string_view s, error_code&) { return number.part(s), true; }
    bool on_int64(int64_t i, json::string_view, error_code&) {
        number.clear();
        return push(Value::number(static_cast<double>(i)));
    }
    bool on_uint64(uint64_t u, json::string_view, error_code&) {
        number.clear();
        return push(Value::number(static_cast<double>(u)));
    }
    bool on_double(double d, json::string_view s, error_code&) { return push(Value::number(number.finish(d, s))); }
    bool on_bool(bool b, error_code&) { return push(Value::boolean(b)); }
    bool on_null(error_code&) { return push(Value()); }

    bool push(Value v) {
        stack.push_back(std::move(v));
        return true;
    }
    bool finish_string(json::string_view s) {
        if (text.empty()) return push(Value::string(std::string_view(s.data(), s.size())));
        text.append(s.data(), s.size());
        push(Value::string(std::move(text)));
        text.clear();
        return true;
    }
};

// Builds a boost::json::value like Boost's own parser, with exact doubles.
struct BoostBuilder : HandlerLimits {
    json::value_stack st;
    NumberText number;

    bool on_document_begin(error_code&) { return st.reset(), true; }
    bool on_array_end(std::size_t n, error_code&) { return st.push_array(n), true; }
    bool on_object_end(std::size_t n, error_code&) { return st.push_object(n), true; }
    bool on_key_part(json::string_view s, std::size_t, error_code&) { return st.push_chars(s), true; }
    bool on_key(json::string_view s, std::size_t, error_code&) { return st.push_key(s), true; }
    bool on_string_part(json::string_view s, std::size_t, error_code&) { return st.push_chars(s), true; }
    bool on_string(json::string_view s, std::size_t, error_code&) { return st.push_string(s), true; }
    bool on_number_part(json::string_view s, error_code&) { return number.part(s), true; }
    bool on_int64(int64_t i, json::string_view, error_code&) { return number.clear(), st.push_int64(i), true; }
    bool on_uint64(uint64_t u, json::string_view, error_code&) { return number.clear(), st.push_uint64(u), true; }
    bool on_double(double d, json::string_view s, error_code&) { return st.push_double(number.finish(d, s)), true; }
    bool on_bool(bool b, error_code&) { return st.push_bool(b), true; }
    bool on_null(error_code&) { return st.push_null(), true; }
};

json::parse_options parse_limits() {
    json::parse_options options;
    options.max_depth = kMaxJsonDepth;
    return options;
}

template <class Parser>
void run_parser(Parser& parser, std::string_view text) {
    error_code ec;
    size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && used < text.size()) ec = json::error::extra_data;
    if (ec) {
        if (ec == json::error::too_deep)
            raise(ErrorKind::JSONError, "invalid JSON: nesting deeper than " + std::to_string(kMaxJsonDepth));
        raise(ErrorKind::JSONError, "invalid JSON: " + ec.message());
    }
}

}  // namespace

json::value parse_json(std::string_view text) {
    json::basic_parser<BoostBuilder> parser(parse_limits());
    run_parser(parser, text);
    return parser.handler().st.release();
}

Value json_decode(std::string_view text) {
    json::basic_parser<ValueBuilder> parser(parse_limits());
    run_parser(parser, text);
    return std::move(parser.handler().stack.back());
}

}  // namespace relay
