// Value representation, reference counting, copy-on-write, objects, operators
// and the display form.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include "lang/datetime.h"
#include "test_values_support.h"

using namespace relay;
using namespace relay::testing;

TEST(Value, ImmediatesAndSize) {
    static_assert(sizeof(Value) == 16);
    EXPECT_TRUE(Value().is_nil());
    EXPECT_TRUE(Value::boolean(true).as_bool());
    EXPECT_EQ(Value::number(2.5).as_number(), 2.5);
    EXPECT_EQ(Value::datetime(1234).as_datetime(), 1234);
    EXPECT_EQ(type_of(str("x")), "string");
    EXPECT_EQ(type_of(Value::datetime(0)), "datetime");
    EXPECT_EQ(type_of(Value::object()), "object");
    EXPECT_EQ(type_of(make_server_ref("s")), "server");
}

TEST(Value, CopyRetainsMoveSteals) {
    Value a = str("hello");
    EXPECT_TRUE(a.unique());
    {
        Value b = a;
        EXPECT_FALSE(a.unique());
        EXPECT_EQ(a.heap()->ref_count(), 2u);
    }
    EXPECT_TRUE(a.unique());
    Value c = std::move(a);
    EXPECT_TRUE(a.is_nil());
    EXPECT_TRUE(c.unique());
    c = c;  // self-assignment keeps the object
    EXPECT_EQ(show(c), "hello");
}

TEST(Value, CopyOnWriteCopiesSharedArrays) {
    Value a = arr({num(1)});
    Value shared = a;
    Value b = call(std::move(a), "push", {num(2)});
    EXPECT_EQ(repr(shared), "[1]");
    EXPECT_EQ(repr(b), "[1, 2]");
}

TEST(Value, CopyOnWriteMutatesUniqueArraysInPlace) {
    Value a = arr({num(1)});
    const HeapObject* before = a.heap();
    Value b = call(std::move(a), "push", {num(2)});
    EXPECT_EQ(b.heap(), before);
    // Appending many items to a uniquely owned array never copies it.
    Value xs = Value::array();
    NativeCallContext ctx;
    for (int i = 0; i < 100000; ++i) {
        Value arg = num(i);
        xs = call_method(ctx, std::move(xs), MethodId::push, "push", std::span<Value>(&arg, 1));
    }
    EXPECT_EQ(xs.as_array().items.size(), 100000u);
    EXPECT_EQ(xs.as_array().items[99999].as_number(), 99999);
}

TEST(Value, RefCountsAreThreadSafe) {
    Value shared = arr({str("x")});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&shared] {
            for (int i = 0; i < 20000; ++i) {
                Value copy = shared;
                Value another = copy;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_TRUE(shared.unique());
}

TEST(String, CodePointsAndAscii) {
    Value s = str("héllo😀");
    const String& st = s.as_string();
    EXPECT_FALSE(st.is_ascii());
    EXPECT_EQ(st.length(), 6u);
    EXPECT_EQ(st.char_at(1), "é");
    EXPECT_EQ(st.char_at(5), "😀");
    EXPECT_EQ(st.byte_offset(2), 3u);
    EXPECT_TRUE(str("abc").as_string().is_ascii());
    EXPECT_EQ(str("abc").as_string().char_at(2), "c");
}

TEST(String, AppendUpdatesLengthAndHash) {
    Value s = str("ab");
    size_t h = s.as_string().hash();
    s.mut_string().append("é");
    EXPECT_EQ(s.as_string().length(), 3u);
    EXPECT_FALSE(s.as_string().is_ascii());
    EXPECT_NE(s.as_string().hash(), h);
    EXPECT_EQ(s.as_string().hash(), str("abé").as_string().hash());
}

TEST(Object, KeepsInsertionOrderAndOverwritesInPlace) {
    Value o = obj({{"b", num(1)}, {"a", num(2)}});
    o.mut_object().set("b", num(3));
    o.mut_object().set("c", num(4));
    EXPECT_EQ(show(o), "{b: 3, a: 2, c: 4}");
    EXPECT_TRUE(o.mut_object().remove("a"));
    EXPECT_FALSE(o.as_object().contains("a"));
    EXPECT_EQ(show(o), "{b: 3, c: 4}");
}

TEST(Object, LargeObjectsUseTheIndex) {
    Value o = Value::object();
    for (int i = 0; i < 100000; ++i) o.mut_object().set("k" + std::to_string(i), num(i));
    const Object& ob = o.as_object();
    EXPECT_EQ(ob.size(), 100000u);
    EXPECT_EQ(ob.find("k77777")->as_number(), 77777);
    EXPECT_EQ(ob.find("nope"), nullptr);
    EXPECT_EQ(ob.entries()[5].key_view(), "k5");
    // Removal keeps the index consistent.
    Value copy = o;
    Object& mutable_copy = copy.mut_object();  // copy-on-write: shared -> copied
    EXPECT_NE(&mutable_copy, &ob);
    EXPECT_TRUE(mutable_copy.remove("k10"));
    EXPECT_EQ(mutable_copy.find("k11")->as_number(), 11);
    EXPECT_EQ(mutable_copy.find_index("k11"), 10);
    EXPECT_TRUE(ob.contains("k10"));
}

TEST(Object, SmallObjectCopyAfterIndexRemoval) {
    Value o = Value::object();
    for (int i = 0; i < 10; ++i) o.mut_object().set(std::string(1, static_cast<char>('a' + i)), num(i));
    for (int i = 0; i < 6; ++i) o.mut_object().remove(std::string(1, static_cast<char>('a' + i)));
    EXPECT_EQ(show(o), "{g: 6, h: 7, i: 8, j: 9}");
    EXPECT_EQ(o.as_object().find("i")->as_number(), 8);
}

// ---- operators --------------------------------------------------------------------

TEST(Ops, Truthiness) {
    EXPECT_FALSE(truthy(Value()));
    EXPECT_FALSE(truthy(Value::boolean(false)));
    EXPECT_FALSE(truthy(num(0)));
    EXPECT_FALSE(truthy(num(-0.0)));
    EXPECT_FALSE(truthy(str("")));
    EXPECT_FALSE(truthy(Value::array()));
    EXPECT_FALSE(truthy(Value::object()));
    EXPECT_TRUE(truthy(num(0.1)));
    EXPECT_TRUE(truthy(str("0")));
    EXPECT_TRUE(truthy(arr({Value()})));
    EXPECT_TRUE(truthy(obj({{"a", Value()}})));
    EXPECT_TRUE(truthy(Value::datetime(0)));
}

TEST(Ops, StructuralEquality) {
    EXPECT_TRUE(equals(num(1), num(1)));
    EXPECT_FALSE(equals(num(1), str("1")));
    EXPECT_FALSE(equals(Value(), Value::boolean(false)));
    EXPECT_TRUE(equals(str("ab"), str("ab")));
    EXPECT_TRUE(equals(arr({num(1), arr({str("x")})}), arr({num(1), arr({str("x")})})));
    EXPECT_FALSE(equals(arr({num(1)}), arr({num(1), num(2)})));
    EXPECT_TRUE(equals(obj({{"a", num(1)}, {"b", num(2)}}), obj({{"b", num(2)}, {"a", num(1)}})));
    EXPECT_FALSE(equals(obj({{"a", num(1)}}), obj({{"a", num(1)}, {"b", num(2)}})));
    EXPECT_FALSE(equals(obj({{"a", num(1)}}), obj({{"b", num(1)}})));
    EXPECT_FALSE(equals(num(NAN), num(NAN)));
    EXPECT_TRUE(equals(Value::datetime(5), Value::datetime(5)));
    Value f = builtin_functions()[0].second;
    EXPECT_TRUE(equals(f, f));
    EXPECT_FALSE(equals(f, builtin_functions()[1].second));
}

TEST(Ops, Comparison) {
    EXPECT_TRUE(less(num(1), num(2)));
    EXPECT_TRUE(less_equal(num(2), num(2)));
    EXPECT_TRUE(greater(str("b"), str("a")));
    EXPECT_TRUE(less(str("Z"), str("a")));       // code point order
    EXPECT_TRUE(less(str("z"), str("é")));       // UTF-8 byte order == code point order
    EXPECT_TRUE(less(str("ab"), str("abc")));
    EXPECT_TRUE(greater_equal(Value::datetime(10), Value::datetime(9)));
    EXPECT_FALSE(less(num(NAN), num(1)));
    EXPECT_FALSE(greater_equal(num(NAN), num(1)));
    EXPECT_EQ(error_kind_of([] { less(num(1), str("2")); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { less(Value(), Value()); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { compare(arr({}), arr({})); }), ErrorKind::TypeError);
}

TEST(Ops, Addition) {
    EXPECT_EQ(add(num(1), num(2)).as_number(), 3);
    EXPECT_EQ(show(add(str("a"), num(1))), "a1");
    EXPECT_EQ(show(add(num(1.5), str("x"))), "1.5x");
    EXPECT_EQ(show(add(str("v="), arr({str("q")}))), "v=[\"q\"]");
    EXPECT_EQ(show(add(str("n="), Value())), "n=nil");
    EXPECT_EQ(repr(add(arr({num(1)}), arr({num(2), num(3)}))), "[1, 2, 3]");
    Value xs = arr({num(1)});
    EXPECT_EQ(repr(add(xs, xs)), "[1, 1]");
    EXPECT_EQ(repr(xs), "[1]");
    EXPECT_EQ(error_kind_of([] { add(num(1), Value()); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { add(obj({}), obj({})); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { add(arr({}), num(1)); }), ErrorKind::TypeError);
}

TEST(Ops, AdditionAppendsToUniqueStringsInPlace) {
    Value s = str("a");
    const HeapObject* before = s.heap();
    s = add(std::move(s), str("b"));
    EXPECT_EQ(s.heap(), before);
    Value shared = s;
    Value t = add(std::move(s), str("c"));
    EXPECT_EQ(show(shared), "ab");
    EXPECT_EQ(show(t), "abc");
}

TEST(Ops, Arithmetic) {
    EXPECT_EQ(sub(num(5), num(7)).as_number(), -2);
    EXPECT_EQ(mul(num(3), num(4)).as_number(), 12);
    EXPECT_EQ(div(num(1), num(4)).as_number(), 0.25);
    EXPECT_EQ(mod(num(7), num(3)).as_number(), 1);
    EXPECT_EQ(mod(num(-7), num(3)).as_number(), -1);  // sign of the dividend
    EXPECT_EQ(mod(num(7.5), num(2)).as_number(), 1.5);
    EXPECT_EQ(negate(num(3)).as_number(), -3);
    EXPECT_EQ(error_kind_of([] { div(num(1), num(0)); }), ErrorKind::ZeroDivisionError);
    EXPECT_EQ(error_kind_of([] { mod(num(1), num(0)); }), ErrorKind::ZeroDivisionError);
    EXPECT_EQ(error_kind_of([] { sub(str("a"), num(1)); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { mul(num(2), str("a")); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { negate(str("a")); }), ErrorKind::TypeError);
}

// ---- display -------------------------------------------------------------------------

TEST(Display, NumbersAsJavaScript) {
    const std::pair<double, const char*> table[] = {
        {0, "0"},
        {-0.0, "0"},
        {3, "3"},
        {-3, "-3"},
        {2.5, "2.5"},
        {0.1, "0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1.0 / 3, "0.3333333333333333"},
        {100, "100"},
        {1e21, "1e+21"},
        {1e20, "100000000000000000000"},
        {123456789012345680000.0, "123456789012345680000"},
        {1.5e21, "1.5e+21"},
        {1e-7, "1e-7"},
        {1.5e-7, "1.5e-7"},
        {0.000001, "0.000001"},
        {0.0000015, "0.0000015"},
        {123e-20, "1.23e-18"},
        {-1e-7, "-1e-7"},
        {9007199254740993.0, "9007199254740992"},
        {18014398509481984.0, "18014398509481984"},
        {2e53, "2e+53"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {5e-324, "5e-324"},
        {123.456, "123.456"},
        {-0.5, "-0.5"},
        {std::numeric_limits<double>::quiet_NaN(), "NaN"},
        {std::numeric_limits<double>::infinity(), "Infinity"},
        {-std::numeric_limits<double>::infinity(), "-Infinity"},
    };
    for (const auto& [d, expected] : table) EXPECT_EQ(format_number(d), expected) << "for " << d;
}

TEST(Display, Values) {
    EXPECT_EQ(show(Value()), "nil");
    EXPECT_EQ(show(Value::boolean(true)), "true");
    EXPECT_EQ(show(str("raw \"text\"")), "raw \"text\"");
    EXPECT_EQ(show(arr({num(1), str("a\nb"), Value(), Value::boolean(false)})), "[1, \"a\\nb\", nil, false]");
    EXPECT_EQ(show(obj({{"name", str("x")}, {"n", num(1)}})), "{name: \"x\", n: 1}");
    EXPECT_EQ(show(obj({{"k-2", num(1)}, {"_ok9", num(2)}, {"9a", num(3)}, {"", num(4)}})),
              "{\"k-2\": 1, _ok9: 2, \"9a\": 3, \"\": 4}");
    EXPECT_EQ(show(Value::object()), "{}");
    EXPECT_EQ(show(Value::array()), "[]");
    EXPECT_EQ(show(arr({obj({{"a", arr({})}})})), "[{a: []}]");
    EXPECT_EQ(show(make_server_ref("counter")), "<server counter>");
    EXPECT_EQ(show(builtin_functions()[0].second), "<fn print>");
    EXPECT_EQ(show(make_native("", 0, [](CallContext&, std::span<Value>) { return Value(); })), "<fn>");
    EXPECT_EQ(show(Value::datetime(1704110400000)), "2024-01-01T12:00:00.000Z");
    EXPECT_EQ(show(arr({Value::datetime(0)})), "[1970-01-01T00:00:00.000Z]");
    EXPECT_EQ(show(arr({str("\x01")})), "[\"\\u0001\"]");
}

// ---- errors ----------------------------------------------------------------------------

TEST(Errors, KindNamesAndErrorValues) {
    EXPECT_EQ(kind_name(ErrorKind::ZeroDivisionError), "ZeroDivisionError");
    EXPECT_EQ(kind_name(ErrorKind::JSONError), "JSONError");
    try {
        raise(ErrorKind::IndexError, "boom");
    } catch (RelayError& e) {
        e.line = 7;
        EXPECT_STREQ(e.what(), "boom");
        EXPECT_EQ(show(error_to_value(e)), "{error: \"boom\", kind: \"IndexError\", line: 7}");
    }
    RelayError thrown = RelayError::thrown(obj({{"code", num(42)}}));
    EXPECT_EQ(thrown.kind, ErrorKind::Thrown);
    EXPECT_EQ(show(error_to_value(thrown)), "{code: 42}");
    EXPECT_EQ(thrown.message, "{code: 42}");
}

// ---- datetimes -------------------------------------------------------------------------

TEST(Datetime, IsoFormatAndParse) {
    EXPECT_EQ(format_iso(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_iso(1704110400123), "2024-01-01T12:00:00.123Z");
    EXPECT_EQ(format_iso(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(parse_iso("2024-01-01T12:00:00.123Z"), 1704110400123);
    EXPECT_EQ(parse_iso("2024-01-01T12:00:00Z"), 1704110400000);
    EXPECT_EQ(parse_iso("2024-01-01T13:30:00+01:30"), 1704110400000);
    EXPECT_FALSE(parse_iso("2024-13-01T12:00:00Z"));
    EXPECT_FALSE(parse_iso("yesterday"));
    EXPECT_EQ(format_datetime(1704110400000, "%Y-%m-%d %H:%M:%S"), "2024-01-01 12:00:00");
    EXPECT_EQ(format_datetime(1704110400000, "%A %j"), "Monday 001");
    EXPECT_EQ(format_datetime(1704110400000, ""), "");
    int64_t before = now_ms();
    EXPECT_GT(before, 1700000000000);
}

TEST(Value, DeeplyNestedValuesAreDestroyedWithoutRecursion) {
    Value list = Value::array();
    for (int i = 0; i < 1000000; ++i) list = arr({num(i), std::move(list)});
    Value chain = Value::object();
    for (int i = 0; i < 1000000; ++i) chain = obj({{"next", std::move(chain)}});
    EXPECT_EQ(get_index(list, num(0)).as_number(), 999999);
    list = Value();   // must not overflow the stack
    chain = Value();
    EXPECT_TRUE(list.is_nil());
}

TEST(Value, IsData) {
    EXPECT_TRUE(is_data(obj({{"a", arr({num(1), str("x"), Value(), Value::datetime(1)})}})));
    EXPECT_FALSE(is_data(obj({{"a", arr({builtin_functions()[0].second})}})));
    EXPECT_FALSE(is_data(make_server_ref("s")));
}

TEST(Display, NumbersRoundTrip) {
    // Every finite double prints to text that reads back as the same double.
    uint64_t state = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 200000; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double d;
        std::memcpy(&d, &state, sizeof d);
        if (!std::isfinite(d)) continue;
        std::string text = format_number(d);
        ASSERT_EQ(std::strtod(text.c_str(), nullptr), d == 0 ? 0.0 : d) << text;
    }
}
