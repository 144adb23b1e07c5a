// Built-in methods (LANGUAGE.md §8, §12) and built-in functions (§9).
#include <gtest/gtest.h>

#include <cmath>

#include "lang/types.h"
#include "test_values_support.h"

using namespace relay;
using namespace relay::testing;

namespace {

Value native(int arity, NativeFunction::Impl impl) { return make_native("cb", arity, std::move(impl)); }

Value builtin(std::string_view name) {
    for (const auto& [n, v] : builtin_functions())
        if (n == name) return v;
    ADD_FAILURE() << "no builtin " << name;
    return Value();
}

Value run(std::string_view name, std::vector<Value> args) {
    NativeCallContext ctx;
    return ctx.call(builtin(name), args);
}

}  // namespace

TEST(MethodIds, ResolveOnce) {
    EXPECT_EQ(method_id("push"), MethodId::push);
    EXPECT_EQ(method_id("unix_ms"), MethodId::unix_ms);
    EXPECT_EQ(method_id("nope"), MethodId::Unknown);
    EXPECT_EQ(method_name(MethodId::sort_by), "sort_by");
}

// ---- strings ---------------------------------------------------------------------------

TEST(StringMethods, Basics) {
    EXPECT_EQ(call(str("héllo"), "length").as_number(), 5);
    EXPECT_EQ(get_property(str("héllo"), "length").as_number(), 5);
    EXPECT_EQ(show(call(str("aBc é"), "upper")), "ABC é");
    EXPECT_EQ(show(call(str("AbC"), "lower")), "abc");
    EXPECT_EQ(show(call(str("  a b \n"), "trim")), "a b");
    EXPECT_TRUE(call(str("hello"), "contains", {str("ell")}).as_bool());
    EXPECT_FALSE(call(str("hello"), "contains", {str("xyz")}).as_bool());
    EXPECT_TRUE(call(str("hello"), "starts_with", {str("he")}).as_bool());
    EXPECT_TRUE(call(str("hello"), "ends_with", {str("lo")}).as_bool());
    EXPECT_FALSE(call(str("hello"), "ends_with", {str("he")}).as_bool());
    EXPECT_EQ(show(call(str("x"), "to_string")), "x");
    EXPECT_EQ(show(call(str("x"), "toString")), "x");
}

TEST(StringMethods, SplitReplaceIndexOf) {
    EXPECT_EQ(repr(call(str("a,b,,c"), "split", {str(",")})), "[\"a\", \"b\", \"\", \"c\"]");
    EXPECT_EQ(repr(call(str("aé😀"), "split", {str("")})), "[\"a\", \"é\", \"😀\"]");
    EXPECT_EQ(repr(call(str("  a  b "), "split")), "[\"a\", \"b\"]");
    EXPECT_EQ(repr(call(str(""), "split", {str(",")})), "[\"\"]");
    EXPECT_EQ(show(call(str("a-b-c"), "replace", {str("-"), str("+")})), "a+b+c");
    EXPECT_EQ(show(call(str("aaa"), "replace", {str("aa"), str("b")})), "ba");
    EXPECT_EQ(show(call(str("abc"), "replace", {str("x"), str("y")})), "abc");
    EXPECT_EQ(call(str("héllo"), "index_of", {str("llo")}).as_number(), 2);
    EXPECT_EQ(call(str("hello"), "index_of", {str("z")}).as_number(), -1);
    EXPECT_EQ(error_kind_of([] { call(str("a"), "split", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { call(str("a"), "contains"); }), ErrorKind::ArgumentError);
}

TEST(StringMethods, SliceAndIndex) {
    EXPECT_EQ(show(call(str("héllo"), "slice", {num(1), num(3)})), "él");
    EXPECT_EQ(show(call(str("hello"), "slice", {num(2)})), "llo");
    EXPECT_EQ(show(call(str("hello"), "slice", {num(-3)})), "llo");
    EXPECT_EQ(show(call(str("hello"), "slice", {num(3), num(1)})), "");
    EXPECT_EQ(show(call(str("hello"), "slice", {num(0), num(100)})), "hello");
    EXPECT_EQ(show(get_index(str("héllo"), num(1))), "é");
    EXPECT_EQ(show(get_index(str("abc"), num(2))), "c");
    EXPECT_EQ(error_kind_of([] { get_index(str("abc"), num(3)); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([] { get_index(str("abc"), num(-1)); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([] { get_index(str("abc"), num(0.5)); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { get_index(str("abc"), str("a")); }), ErrorKind::TypeError);
}

TEST(StringMethods, ToNumber) {
    EXPECT_EQ(call(str("42"), "to_number").as_number(), 42);
    EXPECT_EQ(call(str(" -3.5 "), "to_number").as_number(), -3.5);
    EXPECT_EQ(call(str("1e3"), "to_number").as_number(), 1000);
    EXPECT_EQ(call(str(".5"), "to_number").as_number(), 0.5);
    EXPECT_TRUE(call(str("abc"), "to_number").is_nil());
    EXPECT_TRUE(call(str("12abc"), "to_number").is_nil());
    EXPECT_TRUE(call(str(""), "to_number").is_nil());
    EXPECT_TRUE(call(str("nan"), "to_number").is_nil());
    EXPECT_TRUE(call(str("0x10"), "to_number").is_nil());
    EXPECT_EQ(call(str("-Infinity"), "to_number").as_number(), -INFINITY);
}

TEST(StringMethods, UnknownMethod) {
    EXPECT_EQ(error_kind_of([] { call(str("a"), "push", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { call(str("a"), "frobnicate"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { get_property(str("a"), "size"); }), ErrorKind::TypeError);
}

// ---- numbers ---------------------------------------------------------------------------

TEST(NumberMethods, RoundingAndFormatting) {
    EXPECT_EQ(show(call(num(2.5), "to_string")), "2.5");
    EXPECT_EQ(show(call(num(1e21), "toString")), "1e+21");
    EXPECT_EQ(call(num(2.7), "floor").as_number(), 2);
    EXPECT_EQ(call(num(-2.2), "floor").as_number(), -3);
    EXPECT_EQ(call(num(2.1), "ceil").as_number(), 3);
    EXPECT_EQ(call(num(2.5), "round").as_number(), 3);
    EXPECT_EQ(call(num(-2.5), "round").as_number(), -3);  // half away from zero
    EXPECT_EQ(call(num(0.49), "round").as_number(), 0);
    EXPECT_EQ(call(num(-4), "abs").as_number(), 4);
    EXPECT_EQ(show(call(num(3.14159), "fixed", {num(2)})), "3.14");
    EXPECT_EQ(show(call(num(2.5), "fixed", {num(0)})), "3");
    EXPECT_EQ(show(call(num(-2.5), "fixed", {num(0)})), "-3");
    EXPECT_EQ(show(call(num(1.005), "fixed", {num(2)})), "1.00");  // 1.005 is 1.00499999... in binary
    EXPECT_EQ(show(call(num(1), "fixed", {num(3)})), "1.000");
    EXPECT_EQ(show(call(num(0.000001), "fixed", {num(2)})), "0.00");
    EXPECT_EQ(show(call(num(-0.001), "fixed", {num(2)})), "-0.00");  // as JavaScript
    EXPECT_EQ(show(call(num(99.995), "fixed", {num(1)})), "100.0");
    EXPECT_EQ(show(call(num(1e21), "fixed", {num(2)})), "1e+21");
    EXPECT_TRUE(call(num(1), "fixed", {num(2)}).is_string());
    EXPECT_EQ(error_kind_of([] { call(num(1), "fixed", {num(-1)}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { call(num(1), "fixed", {num(1.5)}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { call(num(1), "fixed", {str("2")}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { call(num(1), "upper"); }), ErrorKind::TypeError);
}

// ---- arrays ----------------------------------------------------------------------------

TEST(ArrayMethods, AccessAndErrors) {
    Value xs = arr({num(10), num(20), num(30)});
    EXPECT_EQ(call(xs, "length").as_number(), 3);
    EXPECT_EQ(get_property(xs, "length").as_number(), 3);
    EXPECT_EQ(call(xs, "get", {num(1)}).as_number(), 20);
    EXPECT_EQ(get_index(xs, num(2)).as_number(), 30);
    EXPECT_EQ(call(xs, "first").as_number(), 10);
    EXPECT_EQ(call(xs, "last").as_number(), 30);
    EXPECT_TRUE(call(Value::array(), "first").is_nil());
    EXPECT_TRUE(call(Value::array(), "last").is_nil());
    EXPECT_TRUE(call(Value::array(), "is_empty").as_bool());
    EXPECT_FALSE(call(xs, "is_empty").as_bool());
    EXPECT_EQ(error_kind_of([&] { call(xs, "get", {num(3)}); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([&] { get_index(xs, num(-1)); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([&] { call(xs, "set", {num(5), num(1)}); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([&] { call(xs, "insert", {num(4), num(1)}); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([&] { call(xs, "remove_at", {num(3)}); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([] { call(Value::array(), "pop"); }), ErrorKind::IndexError);
    EXPECT_EQ(error_kind_of([&] { call(xs, "get", {str("0")}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(xs, "get"); }), ErrorKind::ArgumentError);
    EXPECT_EQ(repr(xs), "[10, 20, 30]");  // nothing above changed it
}

TEST(ArrayMethods, ModifyingMethodsReturnNewArrays) {
    Value xs = arr({num(1), num(2), num(3)});
    EXPECT_EQ(repr(call(xs, "set", {num(0), str("a")})), "[\"a\", 2, 3]");
    EXPECT_EQ(repr(call(xs, "push", {num(4)})), "[1, 2, 3, 4]");
    EXPECT_EQ(repr(call(xs, "add", {num(4)})), "[1, 2, 3, 4]");
    EXPECT_EQ(repr(call(xs, "append", {arr({num(4), num(5)})})), "[1, 2, 3, 4, 5]");
    EXPECT_EQ(repr(call(xs, "append", {xs})), "[1, 2, 3, 1, 2, 3]");
    EXPECT_EQ(repr(call(xs, "prepend", {num(0)})), "[0, 1, 2, 3]");
    EXPECT_EQ(repr(call(xs, "insert", {num(1), num(9)})), "[1, 9, 2, 3]");
    EXPECT_EQ(repr(call(xs, "insert", {num(3), num(9)})), "[1, 2, 3, 9]");
    EXPECT_EQ(repr(call(xs, "pop")), "[1, 2]");
    EXPECT_EQ(repr(call(xs, "remove_at", {num(0)})), "[2, 3]");
    EXPECT_EQ(repr(call(arr({num(1), num(2), num(1)}), "remove", {num(1)})), "[2]");
    EXPECT_EQ(repr(call(xs, "remove", {num(7)})), "[1, 2, 3]");
    EXPECT_EQ(repr(call(arr({num(1), num(2), num(1)}), "replace", {num(1), str("x")})), "[\"x\", 2, \"x\"]");
    EXPECT_EQ(repr(call(xs, "reverse")), "[3, 2, 1]");
    EXPECT_EQ(repr(xs), "[1, 2, 3]");
    EXPECT_EQ(error_kind_of([&] { call(xs, "append", {num(1)}); }), ErrorKind::TypeError);
}

TEST(ArrayMethods, SearchSliceJoin) {
    Value xs = arr({num(1), arr({num(2)}), str("x")});
    EXPECT_TRUE(call(xs, "includes", {arr({num(2)})}).as_bool());
    EXPECT_FALSE(call(xs, "includes", {str("y")}).as_bool());
    EXPECT_EQ(call(xs, "index_of", {str("x")}).as_number(), 2);
    EXPECT_EQ(call(xs, "index_of", {num(9)}).as_number(), -1);
    Value ys = arr({num(1), num(2), num(3), num(4)});
    EXPECT_EQ(repr(call(ys, "slice", {num(1), num(3)})), "[2, 3]");
    EXPECT_EQ(repr(call(ys, "slice", {num(2)})), "[3, 4]");
    EXPECT_EQ(repr(call(ys, "slice", {num(-1)})), "[4]");
    EXPECT_EQ(repr(call(ys, "slice", {num(5)})), "[]");
    EXPECT_EQ(show(call(arr({num(1), str("a"), arr({str("b")})}), "join", {str("-")})), "1-a-[\"b\"]");
    EXPECT_EQ(show(call(Value::array(), "join", {str(",")})), "");
    EXPECT_EQ(show(call(ys, "join")), "1,2,3,4");
}

TEST(ArrayMethods, Callbacks) {
    Value xs = arr({num(1), num(2), num(3), num(4)});
    Value doubled = native(1, [](CallContext&, std::span<Value> a) { return mul(a[0], num(2)); });
    Value with_index = native(2, [](CallContext&, std::span<Value> a) { return add(a[0], a[1]); });
    Value even = native(1, [](CallContext&, std::span<Value> a) { return Value::boolean(std::fmod(a[0].as_number(), 2) == 0); });
    Value index_even = native(2, [](CallContext&, std::span<Value> a) { return Value::boolean(a[1].as_number() < 2); });
    Value sum = native(2, [](CallContext&, std::span<Value> a) { return add(a[0], a[1]); });
    Value sum_index = native(3, [](CallContext&, std::span<Value> a) { return add(add(a[0], a[1]), a[2]); });
    EXPECT_EQ(repr(call(xs, "map", {doubled})), "[2, 4, 6, 8]");
    EXPECT_EQ(repr(call(xs, "map", {with_index})), "[1, 3, 5, 7]");
    EXPECT_EQ(repr(call(xs, "filter", {even})), "[2, 4]");
    EXPECT_EQ(repr(call(xs, "filter", {index_even})), "[1, 2]");
    EXPECT_EQ(call(xs, "find", {even}).as_number(), 2);
    EXPECT_TRUE(call(arr({num(1)}), "find", {even}).is_nil());
    EXPECT_EQ(call(xs, "reduce", {sum, num(0)}).as_number(), 10);
    EXPECT_EQ(call(xs, "reduce", {sum_index, num(0)}).as_number(), 16);
    EXPECT_EQ(show(call(Value::array(), "reduce", {sum, str("init")})), "init");
    EXPECT_EQ(error_kind_of([&] { call(xs, "map", {num(1)}); }), ErrorKind::TypeError);
    Value failing = native(1, [](CallContext&, std::span<Value>) -> Value { raise(ErrorKind::IndexError, "cb"); });
    EXPECT_EQ(error_kind_of([&] { call(xs, "map", {failing}); }), ErrorKind::IndexError);
}

TEST(ArrayMethods, Sorting) {
    EXPECT_EQ(repr(call(arr({num(3), num(-1), num(10), num(2)}), "sort")), "[-1, 2, 3, 10]");
    EXPECT_EQ(repr(call(arr({str("b"), str("B"), str("a")}), "sort")), "[\"B\", \"a\", \"b\"]");
    EXPECT_EQ(repr(call(Value::array(), "sort")), "[]");
    EXPECT_EQ(error_kind_of([] { call(arr({num(1), str("a")}), "sort"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { call(arr({arr({}), arr({})}), "sort"); }), ErrorKind::TypeError);
    Value people = arr({obj({{"n", str("a")}, {"age", num(30)}}), obj({{"n", str("b")}, {"age", num(20)}}),
                        obj({{"n", str("c")}, {"age", num(30)}}), obj({{"n", str("d")}, {"age", num(20)}})});
    Value by_age = native(1, [](CallContext&, std::span<Value> a) { return get_property(a[0], "age"); });
    Value sorted = call(people, "sort_by", {by_age});
    std::string names;
    for (const Value& p : sorted.as_array().items) names += show(get_property(p, "n"));
    EXPECT_EQ(names, "bdac");  // stable
    Value mixed = native(1, [](CallContext&, std::span<Value> a) { return a[0].as_number() > 1 ? str("x") : num(1); });
    EXPECT_EQ(error_kind_of([&] { call(arr({num(1), num(2)}), "sort_by", {mixed}); }), ErrorKind::TypeError);
}

// ---- objects ---------------------------------------------------------------------------

TEST(ObjectMethods, All) {
    Value o = obj({{"a", num(1)}, {"b", num(2)}});
    EXPECT_EQ(call(o, "get", {str("a")}).as_number(), 1);
    EXPECT_TRUE(call(o, "get", {str("zz")}).is_nil());
    EXPECT_EQ(call(o, "get", {str("zz"), num(5)}).as_number(), 5);
    EXPECT_EQ(show(call(o, "set", {str("c"), num(3)})), "{a: 1, b: 2, c: 3}");
    EXPECT_EQ(show(call(o, "set", {str("a"), num(9)})), "{a: 9, b: 2}");
    EXPECT_TRUE(call(o, "has", {str("b")}).as_bool());
    EXPECT_FALSE(call(o, "has", {str("c")}).as_bool());
    EXPECT_EQ(repr(call(o, "keys")), "[\"a\", \"b\"]");
    EXPECT_EQ(repr(call(o, "values")), "[1, 2]");
    EXPECT_EQ(show(call(o, "remove", {str("a")})), "{b: 2}");
    EXPECT_EQ(show(call(o, "remove", {str("x")})), "{a: 1, b: 2}");
    EXPECT_EQ(show(call(o, "merge", {obj({{"b", num(20)}, {"c", num(30)}})})), "{a: 1, b: 20, c: 30}");
    EXPECT_EQ(show(call(o, "merge", {o})), "{a: 1, b: 2}");
    EXPECT_EQ(call(o, "length").as_number(), 2);
    EXPECT_EQ(get_property(o, "length").as_number(), 2);
    EXPECT_EQ(show(o), "{a: 1, b: 2}");
    EXPECT_EQ(get_property(o, "a").as_number(), 1);
    EXPECT_TRUE(get_property(o, "missing").is_nil());
    EXPECT_EQ(get_property(obj({{"length", str("L")}}), "length").as_string().str(), "L");
    EXPECT_EQ(get_index(o, str("b")).as_number(), 2);
    EXPECT_TRUE(get_index(o, str("q")).is_nil());
    EXPECT_EQ(error_kind_of([&] { get_index(o, num(0)); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(o, "get", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(o, "merge", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(o, "frob"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(o, "a"); }), ErrorKind::TypeError);  // field is not a function
}

TEST(ObjectMethods, StoredFunctionsWinOverBuiltins) {
    Value f = native(1, [](CallContext&, std::span<Value> a) { return add(a[0], num(100)); });
    Value o = obj({{"f", f}, {"get", f}, {"keys", num(1)}});
    EXPECT_EQ(call(o, "f", {num(1)}).as_number(), 101);
    EXPECT_EQ(call(o, "get", {num(2)}).as_number(), 102);
    EXPECT_EQ(repr(call(o, "keys")), "[\"f\", \"get\", \"keys\"]");  // not a function: built-in keys()
}

TEST(ObjectMethods, BuildingALargeObjectInPlace) {
    Value o = Value::object();
    NativeCallContext ctx;
    for (int i = 0; i < 100000; ++i) {
        Value args[2] = {str("key" + std::to_string(i)), num(i)};
        o = call_method(ctx, std::move(o), MethodId::set, "set", args);
    }
    EXPECT_EQ(o.as_object().size(), 100000u);
    EXPECT_EQ(call(o, "get", {str("key4242")}).as_number(), 4242);
}

// ---- structs -----------------------------------------------------------------------------

namespace {
std::shared_ptr<const StructType> user_type() {
    auto t = std::make_shared<StructType>();
    t->name = "User";
    TypeSpec name = TypeSpec::of(TypeSpec::Kind::String);
    Value one = num(1);
    add_validator(name, "min", std::span<const Value>(&one, 1));
    t->fields.push_back({"name", name});
    t->fields.push_back({"age", TypeSpec::of(TypeSpec::Kind::Number)});
    t->fields.push_back({"bio", TypeSpec::optional_of(TypeSpec::of(TypeSpec::Kind::String))});
    return t;
}
Value make_user() {
    Value fields = obj({{"age", num(3)}, {"name", str("x")}});
    return make_struct(user_type(), fields.as_object());
}
}  // namespace

TEST(StructMethods, All) {
    Value u = make_user();
    EXPECT_EQ(show(u), "User{name: \"x\", age: 3, bio: nil}");
    EXPECT_EQ(type_of(u), "User");
    EXPECT_EQ(show(get_property(u, "name")), "x");
    EXPECT_TRUE(get_property(u, "bio").is_nil());
    EXPECT_EQ(error_kind_of([&] { get_property(u, "nope"); }), ErrorKind::FieldError);
    EXPECT_EQ(error_kind_of([&] { get_index(u, str("nope")); }), ErrorKind::FieldError);
    EXPECT_EQ(call(u, "get", {str("age")}).as_number(), 3);
    EXPECT_EQ(error_kind_of([&] { call(u, "get", {str("nope")}); }), ErrorKind::FieldError);
    Value older = call(u, "set", {str("age"), num(4)});
    EXPECT_EQ(show(older), "User{name: \"x\", age: 4, bio: nil}");
    EXPECT_TRUE(older.is_struct());
    EXPECT_EQ(error_kind_of([&] { call(u, "set", {str("age"), str("old")}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(u, "set", {str("name"), str("")}); }), ErrorKind::ValidationError);
    EXPECT_EQ(error_kind_of([&] { call(u, "set", {str("zzz"), num(1)}); }), ErrorKind::FieldError);
    EXPECT_TRUE(call(u, "has", {str("bio")}).as_bool());
    EXPECT_FALSE(call(u, "has", {str("zzz")}).as_bool());
    EXPECT_EQ(repr(call(u, "keys")), "[\"name\", \"age\", \"bio\"]");
    EXPECT_EQ(repr(call(u, "values")), "[\"x\", 3, nil]");
    EXPECT_EQ(call(u, "length").as_number(), 3);
    EXPECT_EQ(show(call(u, "merge", {obj({{"bio", str("hi")}})})), "User{name: \"x\", age: 3, bio: \"hi\"}");
    EXPECT_EQ(error_kind_of([&] { call(u, "merge", {obj({{"age", str("x")}})}); }), ErrorKind::TypeError);
    EXPECT_EQ(show(u), "User{name: \"x\", age: 3, bio: nil}");
    EXPECT_TRUE(equals(u, make_user()));
    EXPECT_FALSE(equals(u, older));
    EXPECT_FALSE(equals(u, obj({{"name", str("x")}, {"age", num(3)}, {"bio", Value()}})));
}

// ---- datetimes ---------------------------------------------------------------------------

TEST(DatetimeMethods, All) {
    Value d = Value::datetime(1704110400123);
    EXPECT_EQ(show(call(d, "iso")), "2024-01-01T12:00:00.123Z");
    EXPECT_EQ(call(d, "unix").as_number(), 1704110400);
    EXPECT_EQ(call(d, "unix_ms").as_number(), 1704110400123);
    EXPECT_EQ(show(call(d, "format", {str("%Y/%m/%d %H:%M")})), "2024/01/01 12:00");
    EXPECT_EQ(call(Value::datetime(-1), "unix").as_number(), -1);
    EXPECT_EQ(error_kind_of([&] { call(d, "format", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([&] { call(d, "length"); }), ErrorKind::TypeError);
}

TEST(OtherTypes, NoMethods) {
    EXPECT_EQ(error_kind_of([] { call(Value(), "length"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { get_property(Value(), "x"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { get_index(num(1), num(0)); }), ErrorKind::TypeError);
    EXPECT_EQ(show(call(Value::boolean(true), "to_string")), "true");
}

// ---- built-in functions -------------------------------------------------------------------

TEST(BuiltinFunctions, RangeTypeOfConversions) {
    EXPECT_EQ(repr(run("range", {num(4)})), "[0, 1, 2, 3]");
    EXPECT_EQ(repr(run("range", {num(2), num(5)})), "[2, 3, 4]");
    EXPECT_EQ(repr(run("range", {num(5), num(0), num(-2)})), "[5, 3, 1]");
    EXPECT_EQ(repr(run("range", {num(0), num(1), num(0.25)})), "[0, 0.25, 0.5, 0.75]");
    EXPECT_EQ(repr(run("range", {num(3), num(1)})), "[]");
    EXPECT_EQ(repr(run("range", {num(0)})), "[]");
    EXPECT_EQ(error_kind_of([] { run("range", {num(0), num(5), num(0)}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { run("range", {str("5")}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { run("range", {}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(show(run("type_of", {Value()})), "nil");
    EXPECT_EQ(show(run("type_of", {arr({})})), "array");
    EXPECT_EQ(show(run("type_of", {builtin("print")})), "function");
    EXPECT_EQ(show(run("type_of", {make_user()})), "User");
    EXPECT_EQ(show(run("to_string", {arr({str("a")})})), "[\"a\"]");
    EXPECT_EQ(show(run("to_string", {num(0.5)})), "0.5");
    EXPECT_EQ(run("to_number", {str("7")}).as_number(), 7);
    EXPECT_EQ(run("to_number", {num(7)}).as_number(), 7);
    EXPECT_TRUE(run("to_number", {str("seven")}).is_nil());
    EXPECT_TRUE(run("to_number", {Value::boolean(true)}).is_nil());
    EXPECT_EQ(error_kind_of([] { run("type_of", {}); }), ErrorKind::ArgumentError);
}

TEST(BuiltinFunctions, JsonNowNodeId) {
    EXPECT_EQ(show(run("json_encode", {obj({{"a", arr({num(1), num(2.5)})}})})), "{\"a\":[1,2.5]}");
    EXPECT_EQ(show(run("json_decode", {str("{\"a\": [1, null]}")})), "{a: [1, nil]}");
    EXPECT_EQ(error_kind_of([] { run("json_decode", {str("{")}); }), ErrorKind::JSONError);
    EXPECT_TRUE(run("now", {}).is_datetime());
    EXPECT_TRUE(run("node_id", {}).is_nil());
    set_node_id("blog");
    EXPECT_EQ(show(run("node_id", {})), "blog");
    set_node_id("");
}

TEST(BuiltinFunctions, PrintWritesOneLine) {
    std::string captured;
    set_output_sink([&](std::string_view text) { captured += text; });
    run("print", {str("a"), num(1), arr({str("b")}), Value()});
    run("print", {});
    set_output_sink(nullptr);
    EXPECT_EQ(captured, "a 1 [\"b\"] nil\n\n");
}

// ---- the slot-passing contract of call_method ----------------------------------------------

TEST(CallMethodContract, FailedCallLeavesTheSlotIntact) {
    NativeCallContext ctx;
    Value xs = arr({num(1), num(2)});
    Value bad_index[2] = {num(5), num(0)};
    EXPECT_EQ(error_kind_of([&] { call_method(ctx, std::move(xs), MethodId::set, "set", bad_index); }),
              ErrorKind::IndexError);
    EXPECT_EQ(repr(xs), "[1, 2]");
    EXPECT_TRUE(xs.unique());

    Value u = make_user();
    Value bad_type[2] = {str("age"), str("old")};
    EXPECT_EQ(error_kind_of([&] { call_method(ctx, std::move(u), MethodId::set, "set", bad_type); }),
              ErrorKind::TypeError);
    EXPECT_EQ(show(u), "User{name: \"x\", age: 3, bio: nil}");
    // merge checks every field before changing any
    Value partly_bad = obj({{"bio", str("new")}, {"age", str("old")}});
    EXPECT_EQ(error_kind_of([&] { call_method(ctx, std::move(u), MethodId::merge, "merge", std::span<Value>(&partly_bad, 1)); }),
              ErrorKind::TypeError);
    EXPECT_EQ(show(u), "User{name: \"x\", age: 3, bio: nil}");

    Value o = obj({{"a", num(1)}});
    Value bad_key[2] = {num(1), num(2)};
    EXPECT_EQ(error_kind_of([&] { call_method(ctx, std::move(o), MethodId::set, "set", bad_key); }),
              ErrorKind::TypeError);
    EXPECT_EQ(show(o), "{a: 1}");
}

TEST(CallMethodContract, SuccessfulCallMutatesTheUniqueSlotInPlace) {
    NativeCallContext ctx;
    Value xs = arr({num(1)});
    const HeapObject* before = xs.heap();
    Value arg = num(2);
    xs = call_method(ctx, std::move(xs), MethodId::push, "push", std::span<Value>(&arg, 1));
    EXPECT_EQ(xs.heap(), before);
    EXPECT_EQ(repr(xs), "[1, 2]");
    // The const& overload never touches the caller's value.
    Value arg2 = num(2);  // args may be moved from: never reuse them
    Value pushed = call_method(ctx, static_cast<const Value&>(xs), MethodId::push, "push", std::span<Value>(&arg2, 1));
    EXPECT_EQ(repr(xs), "[1, 2]");
    EXPECT_EQ(repr(pushed), "[1, 2, 2]");
}

TEST(CallMethodContract, CallbacksMayRebindTheVariable) {
    NativeCallContext ctx;
    Value xs = arr({num(1), num(2), num(3)});
    // The callback rebinds `xs` (as `set xs = []` inside a closure would) while map runs.
    Value rebinding = native(1, [&xs](CallContext&, std::span<Value> a) {
        xs = Value::array();
        return mul(a[0], num(10));
    });
    Value result = call_method(ctx, std::move(xs), MethodId::map, "map", std::span<Value>(&rebinding, 1));
    EXPECT_EQ(repr(result), "[10, 20, 30]");
    EXPECT_EQ(repr(xs), "[]");
    // A callback reading the variable sees its value (the slot is never empty).
    Value ys = arr({num(1), num(2)});
    Value reading = native(1, [&ys](CallContext&, std::span<Value>) { return get_property(ys, "length"); });
    Value lengths = call_method(ctx, std::move(ys), MethodId::map, "map", std::span<Value>(&reading, 1));
    EXPECT_EQ(repr(lengths), "[2, 2]");
}

TEST(Iteration, WhatForLoopsVisit) {
    Value xs = arr({num(1)});
    EXPECT_EQ(iteration_array(xs).heap(), xs.heap());  // no copy
    EXPECT_EQ(repr(iteration_array(str("aé😀"))), "[\"a\", \"é\", \"😀\"]");
    EXPECT_EQ(repr(iteration_array(obj({{"b", num(1)}, {"a", num(2)}}))), "[\"b\", \"a\"]");
    EXPECT_EQ(repr(iteration_array(make_user())), "[\"name\", \"age\", \"bio\"]");
    EXPECT_EQ(error_kind_of([] { iteration_array(num(3)); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { iteration_array(Value()); }), ErrorKind::TypeError);
}
