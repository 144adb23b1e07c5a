// JSON mapping (LANGUAGE.md §11): decoding, encoding, the Boost.JSON bridge.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>

#include "lang/json.h"
#include "lang/types.h"
#include "test_values_support.h"

using namespace relay;
using namespace relay::testing;

TEST(Json, DecodeAllKinds) {
    Value v = json_decode(R"({"n": null, "t": true, "i": -3, "u": 18446744073709551615, "d": 6.5,
                             "s": "h\u00e9\n", "a": [1, [2]], "o": {"_type": "User"}})");
    EXPECT_EQ(show(v), "{n: nil, t: true, i: -3, u: 18446744073709552000, d: 6.5, s: \"hé\\n\", a: [1, [2]], "
                       "o: {_type: \"User\"}}");
    EXPECT_TRUE(get_property(v, "o").is_object());  // `_type` stays a key
}

TEST(Json, EncodeCompact) {
    EXPECT_EQ(json_encode(obj({{"a", num(1)}, {"b", arr({num(1), num(2)})}})), R"({"a":1,"b":[1,2]})");
    EXPECT_EQ(json_encode(num(3)), "3");
    EXPECT_EQ(json_encode(num(6.5)), "6.5");
    EXPECT_EQ(json_encode(num(-0.0)), "0");
    EXPECT_EQ(json_encode(num(1e21)), "1e+21");
    EXPECT_EQ(json_encode(num(0.1 + 0.2)), "0.30000000000000004");
    EXPECT_EQ(json_encode(str("q\"\\\t\x01é")), "\"q\\\"\\\\\\t\\u0001é\"");
    EXPECT_EQ(json_encode(Value()), "null");
    EXPECT_EQ(json_encode(Value::object()), "{}");
    EXPECT_EQ(json_encode(Value::datetime(1704110400000)), "\"2024-01-01T12:00:00.000Z\"");
    EXPECT_EQ(json_encode(builtin_functions()[0].second), "\"<fn print>\"");
    EXPECT_EQ(json_encode(make_server_ref("s")), "\"<server s>\"");
}

TEST(Json, NonFiniteNumbersAreErrors) {
    EXPECT_EQ(error_kind_of([] { json_encode(num(NAN)); }), ErrorKind::JSONError);
    EXPECT_EQ(error_kind_of([] { json_encode(arr({num(INFINITY)})); }), ErrorKind::JSONError);
    EXPECT_EQ(error_kind_of([] { value_to_json(num(-INFINITY)); }), ErrorKind::JSONError);
}

TEST(Json, StructsCarryTheirType) {
    auto t = std::make_shared<StructType>();
    t->name = "Point";
    t->fields.push_back({"x", TypeSpec::of(TypeSpec::Kind::Number)});
    t->fields.push_back({"y", TypeSpec::of(TypeSpec::Kind::Number)});
    Value p = make_struct(t, obj({{"y", num(2)}, {"x", num(1.5)}}).as_object());
    EXPECT_EQ(json_encode(p), R"({"_type":"Point","x":1.5,"y":2})");
    EXPECT_EQ(to_json_string(value_to_json(p)), R"({"_type":"Point","x":1.5,"y":2})");
    // Decoding gives a plain object.
    EXPECT_EQ(show(json_decode(json_encode(p))), "{_type: \"Point\", x: 1.5, y: 2}");
}

TEST(Json, RoundTrips) {
    const char* docs[] = {
        R"({"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-2.25,"g":1e-7})",
        R"([])",
        R"("just a string")",
        R"([{"k-1":{"nested":[[[]]]}}])",
        R"({"z":1,"a":2,"m":3})",  // key order is kept
    };
    for (const char* doc : docs) {
        EXPECT_EQ(json_encode(json_decode(doc)), doc);
        EXPECT_EQ(to_json_string(boost::json::parse(doc)), doc);
        EXPECT_EQ(to_json_string(value_to_json(json_decode(doc))), doc);
    }
}

TEST(Json, BoostWriterUsesShortestNumbers) {
    EXPECT_EQ(to_json_string(boost::json::value(6.5)), "6.5");
    EXPECT_EQ(to_json_string(boost::json::value(3.0)), "3");
    EXPECT_EQ(to_json_string(boost::json::value(int64_t{-7})), "-7");
    EXPECT_EQ(to_json_string(boost::json::value(uint64_t{18446744073709551615u})), "18446744073709551615");
    EXPECT_EQ(to_json_string(boost::json::value(NAN)), "null");
    boost::json::value j = value_to_json(num(3));
    EXPECT_TRUE(j.is_int64());
    EXPECT_TRUE(value_to_json(num(2.5)).is_double());
}

TEST(Json, BadInputIsJsonError) {
    for (const char* bad : {"", "{", "[1,]", "{'a':1}", "nul", "[1] 2", "{\"a\" 1}"}) {
        try {
            json_decode(bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const RelayError& e) {
            EXPECT_EQ(e.kind, ErrorKind::JSONError) << bad;
            EXPECT_NE(e.message.find("invalid JSON"), std::string::npos);
        }
    }
}

TEST(Json, DepthLimit) {
    std::string ok(kMaxJsonDepth - 1, '[');
    ok += std::string(kMaxJsonDepth - 1, ']');
    EXPECT_TRUE(json_decode(ok).is_array());
    std::string deep(100000, '[');
    deep += std::string(100000, ']');
    EXPECT_EQ(error_kind_of([&] { json_decode(deep); }), ErrorKind::JSONError);
    std::string deep_objects;
    for (int i = 0; i < 1000; ++i) deep_objects += "{\"a\":";
    deep_objects += "1" + std::string(1000, '}');
    EXPECT_EQ(error_kind_of([&] { json_decode(deep_objects); }), ErrorKind::JSONError);
}

TEST(Json, NumbersAreParsedExactly) {
    // Boost.JSON 1.81 alone reads "3e+34" one ulp off; we re-read the text.
    for (const char* text : {"3e+34", "0.1", "1e21", "2.2250738585072014e-308", "123456.789012345678",
                             "29999999999999999999999999999922222", "-1.5e-7", "5e-324", "1e400"}) {
        double expected = std::strtod(text, nullptr);
        EXPECT_EQ(json_decode(text).as_number(), expected) << text;
        boost::json::value j = parse_json(text);
        ASSERT_TRUE(j.is_double()) << text;
        EXPECT_EQ(j.get_double(), expected) << text;
    }
    EXPECT_EQ(json_decode("9007199254740993").as_number(), 9007199254740992.0);
    EXPECT_TRUE(parse_json("-42").is_int64());
    EXPECT_TRUE(parse_json("18446744073709551615").is_uint64());
}

TEST(Json, ParseJsonBuildsBoostValues) {
    boost::json::value j = parse_json(R"({"a":[1,"x",null,true],"b":{"c":2.5}})");
    EXPECT_EQ(to_json_string(j), R"({"a":[1,"x",null,true],"b":{"c":2.5}})");
    EXPECT_EQ(error_kind_of([] { parse_json("[1,"); }), ErrorKind::JSONError);
    EXPECT_EQ(error_kind_of([] { parse_json(std::string(300, '[') + std::string(300, ']')); }), ErrorKind::JSONError);
    // Long strings and keys (delivered to the parser in parts) survive intact.
    std::string long_text(100000, 'x');
    Value v = json_decode("{\"" + long_text + "\":\"" + long_text + "\"}");
    EXPECT_EQ(v.as_object().entries()[0].key_view().size(), 100000u);
    EXPECT_EQ(v.as_object().entries()[0].value.as_string().length(), 100000u);
    EXPECT_EQ(show(json_decode(R"({"a":1,"a":2})")), "{a: 2}");
}

// The escaping rules spelled out byte by byte (the escaper's former form): the
// oracle for the run-based append_json_string, which display uses too.
static std::string reference_quoted(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// The fast escaper writes exactly what the byte-by-byte rules give: every byte
// alone, and runs of safe bytes around escapes.
TEST(Json, StringEscapesMatchTheReference) {
    std::vector<std::string> texts = {"", "plain", "q\"\\\t\x01é", "\x7f", "ünïcødé ✓ 😀",
                                      "\"\"\\\\", "a\nb\rc\bd\fe\tf\x1fg", std::string("nul\0byte", 8)};
    const std::size_t utf8_texts = texts.size();
    for (int byte = 0; byte < 256; ++byte) {
        texts.emplace_back(1, static_cast<char>(byte));
        texts.push_back("run" + std::string(1, static_cast<char>(byte)) + "run");
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[i];
        const std::string expected = reference_quoted(text);
        std::string written = "prefix";
        append_json_string(text, written);
        EXPECT_EQ(written, "prefix" + expected) << ::testing::PrintToString(text);
        // A lone byte over 0x7f is not UTF-8: copied as it is, which a parser refuses.
        const bool ascii = std::all_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x80; });
        if (ascii || i < utf8_texts) {
            EXPECT_EQ(boost::json::parse(written.substr(6)).as_string(), text);
        }
    }
    EXPECT_EQ(json_encode(str("\x1f\x7f")), "\"\\u001f\x7f\"");
}

// The format spelled out with snprintf over std::chrono's calendar (the
// formatter's former form): the oracle for format_iso's digit writer.
static std::string reference_iso(int64_t ms) {
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds{ms}};
    const auto day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{t - day};
    char buf[48];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                                static_cast<int>(time.seconds().count()),
                                static_cast<int>(time.subseconds().count()));
    return std::string(buf, static_cast<size_t>(n));
}

// Quoted RFC 3339 with milliseconds: literal texts, then a sweep against the
// reference, across and beyond four-digit years.
TEST(Json, DatetimesMatchTheReference) {
    const std::pair<int64_t, const char*> literal[] = {
        {0, "\"1970-01-01T00:00:00.000Z\""},
        {-1, "\"1969-12-31T23:59:59.999Z\""},
        {1704110400000, "\"2024-01-01T12:00:00.000Z\""},
        {951782400123, "\"2000-02-29T00:00:00.123Z\""},
        {1798761599999, "\"2026-12-31T23:59:59.999Z\""},
        {-62167219200000, "\"0000-01-01T00:00:00.000Z\""},
        {253402300799999, "\"9999-12-31T23:59:59.999Z\""},
    };
    for (const auto& [ms, text] : literal) {
        std::string out;
        append_json_datetime(ms, out);
        EXPECT_EQ(out, text) << ms;
    }
    // Outside four-digit years, and a sweep of ordinary times.
    std::vector<int64_t> times = {253402300800000, -62167219200001, -1000000000000000, 4102444800000};
    for (int64_t ms = -2208988800000; ms < 4102444800000; ms += int64_t{86'399'937} * 37) times.push_back(ms);
    for (int64_t ms : times) {
        std::string out;
        append_json_datetime(ms, out);
        EXPECT_EQ(out, "\"" + reference_iso(ms) + "\"") << ms;
    }
    EXPECT_EQ(json_encode(Value::datetime(-1)), "\"1969-12-31T23:59:59.999Z\"");
}
