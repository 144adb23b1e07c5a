// JSON mapping (LANGUAGE.md §11): decoding, encoding, the Boost.JSON bridge.
#include <gtest/gtest.h>

#include <cmath>

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
