// Type annotations, validators and struct construction (LANGUAGE.md §6).
#include <gtest/gtest.h>

#include "lang/types.h"
#include "test_values_support.h"

using namespace relay;
using namespace relay::testing;

namespace {

using K = TypeSpec::Kind;

TypeSpec with(TypeSpec t, std::string_view validator, std::vector<Value> args = {}) {
    add_validator(t, validator, args);
    return t;
}

}  // namespace

TEST(Types, BuiltinNames) {
    EXPECT_EQ(builtin_type_kind("string"), K::String);
    EXPECT_EQ(builtin_type_kind("any"), K::Any);
    EXPECT_EQ(builtin_type_kind("nil"), K::Nil);
    EXPECT_FALSE(builtin_type_kind("User").has_value());
    EXPECT_FALSE(builtin_type_kind("int").has_value());
}

TEST(Types, ToString) {
    EXPECT_EQ(to_string(TypeSpec::of(K::Number)), "number");
    EXPECT_EQ(to_string(TypeSpec::array_of(TypeSpec::of(K::Object))), "[object]");
    EXPECT_EQ(to_string(TypeSpec::optional_of(TypeSpec::of(K::String))), "optional(string)");
    EXPECT_EQ(to_string(TypeSpec::struct_of("User")), "User");
    EXPECT_EQ(to_string(TypeSpec::function_of({TypeSpec::of(K::Number), TypeSpec::of(K::String)}, TypeSpec::of(K::Bool))),
              "fn(number, string) -> bool");
    EXPECT_EQ(to_string(TypeSpec::function_of({}, std::nullopt)), "fn()");
    EXPECT_EQ(to_string(with(with(TypeSpec::of(K::String), "min", {num(1)}), "max", {num(50)})),
              "string.min(1).max(50)");
    EXPECT_EQ(to_string(with(TypeSpec::of(K::String), "regex", {str("^a\"b$")})), "string.regex(\"^a\\\"b$\")");
}

TEST(Types, BasicChecks) {
    EXPECT_FALSE(check(TypeSpec::any(), Value()));
    EXPECT_FALSE(check(TypeSpec::of(K::Number), num(1)));
    EXPECT_EQ(check(TypeSpec::of(K::Number), str("1")), "expected number, got string");
    EXPECT_FALSE(check(TypeSpec::of(K::Bool), Value::boolean(false)));
    EXPECT_TRUE(check(TypeSpec::of(K::Bool), Value()));
    EXPECT_FALSE(check(TypeSpec::of(K::Datetime), Value::datetime(0)));
    EXPECT_FALSE(check(TypeSpec::of(K::Object), Value::object()));
    EXPECT_TRUE(check(TypeSpec::of(K::Object), Value::array()));
    EXPECT_FALSE(check(TypeSpec::of(K::Nil), Value()));
    EXPECT_TRUE(check(TypeSpec::of(K::String), Value()));
    EXPECT_FALSE(check(TypeSpec::optional_of(TypeSpec::of(K::String)), Value()));
    EXPECT_FALSE(check(TypeSpec::optional_of(TypeSpec::of(K::String)), str("x")));
    EXPECT_TRUE(check(TypeSpec::optional_of(TypeSpec::of(K::String)), num(1)));
    EXPECT_FALSE(check(TypeSpec::function_of({}, std::nullopt), builtin_functions()[0].second));
    EXPECT_TRUE(check(TypeSpec::function_of({}, std::nullopt), num(1)));
}

TEST(Types, ArrayElements) {
    TypeSpec strings = TypeSpec::array_of(TypeSpec::of(K::String));
    EXPECT_FALSE(check(strings, arr({})));
    EXPECT_FALSE(check(strings, arr({str("a"), str("b")})));
    EXPECT_EQ(check(strings, arr({str("a"), num(2)})), "element 1: expected string, got number");
    EXPECT_EQ(check(strings, str("a")), "expected [string], got string");
    EXPECT_FALSE(check(TypeSpec::array_of(TypeSpec::any()), arr({num(1), str("x")})));
}

TEST(Types, Validators) {
    TypeSpec name = with(with(TypeSpec::of(K::String), "min", {num(2)}), "max", {num(4)});
    EXPECT_FALSE(check(name, str("ab")));
    EXPECT_FALSE(check(name, str("éééé")));  // code points, not bytes
    auto failure = check_detailed(name, str("a"));
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->kind, ErrorKind::ValidationError);
    EXPECT_TRUE(check(name, str("abcde")));
    auto wrong_type = check_detailed(name, num(3));
    ASSERT_TRUE(wrong_type);
    EXPECT_EQ(wrong_type->kind, ErrorKind::TypeError);

    TypeSpec score = with(with(TypeSpec::of(K::Number), "min", {num(0)}), "max", {num(10)});
    EXPECT_FALSE(check(score, num(0)));
    EXPECT_FALSE(check(score, num(10)));
    EXPECT_TRUE(check(score, num(-0.5)));
    EXPECT_TRUE(check(score, num(10.5)));

    TypeSpec email = with(TypeSpec::of(K::String), "email");
    EXPECT_FALSE(check(email, str("a@b.co")));
    EXPECT_TRUE(check(email, str("a@b")));
    EXPECT_TRUE(check(email, str("not an email")));
    EXPECT_TRUE(check(email, str("a b@c.d")));

    TypeSpec url = with(TypeSpec::of(K::String), "url");
    EXPECT_FALSE(check(url, str("https://example.com/x?y=1")));
    EXPECT_FALSE(check(url, str("http://localhost:8080")));
    EXPECT_TRUE(check(url, str("example.com")));
    EXPECT_TRUE(check(url, str("http://")));

    TypeSpec slug = with(TypeSpec::of(K::String), "regex", {str("^[a-z-]+$")});
    EXPECT_FALSE(check(slug, str("hello-world")));
    EXPECT_TRUE(check(slug, str("Hello")));

    TypeSpec tags = with(TypeSpec::array_of(TypeSpec::of(K::String)), "max", {num(1)});
    EXPECT_FALSE(check(tags, arr({str("a")})));
    EXPECT_TRUE(check(tags, arr({str("a"), str("b")})));

    TypeSpec optional_name = with(TypeSpec::optional_of(TypeSpec::of(K::String)), "min", {num(1)});
    EXPECT_FALSE(check(optional_name, Value()));
    EXPECT_TRUE(check(optional_name, str("")));
    EXPECT_EQ(to_string(optional_name), "optional(string.min(1))");
}

TEST(Types, BadValidators) {
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::Number), "email"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::String), "shout"); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::Bool), "min", {num(1)}); }), ErrorKind::TypeError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::String), "min", {str("1")}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::String), "min"); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::String), "email", {num(1)}); }), ErrorKind::ArgumentError);
    EXPECT_EQ(error_kind_of([] { with(TypeSpec::of(K::String), "regex", {str("([")}); }), ErrorKind::ArgumentError);
}

TEST(Types, CheckOrRaiseNamesTheValue) {
    try {
        check_or_raise(TypeSpec::of(K::Number), str("x"), "parameter by");
        ADD_FAILURE();
    } catch (const RelayError& e) {
        EXPECT_EQ(e.kind, ErrorKind::TypeError);
        EXPECT_EQ(e.message, "parameter by: expected number, got string");
    }
}

namespace {
std::shared_ptr<StructType> post_type() {
    auto t = std::make_shared<StructType>();
    t->name = "Post";
    t->fields.push_back({"title", with(TypeSpec::of(K::String), "min", {num(1)})});
    t->fields.push_back({"tags", TypeSpec::array_of(TypeSpec::of(K::String))});
    t->fields.push_back({"author", TypeSpec::optional_of(TypeSpec::struct_of("User"))});
    return t;
}
}  // namespace

TEST(Structs, Construction) {
    auto post = post_type();
    EXPECT_EQ(post->field_index("tags"), 1);
    EXPECT_EQ(post->field_index("nope"), -1);
    Value p = make_struct(post, obj({{"tags", arr({str("a")})}, {"title", str("Hi")}}).as_object());
    EXPECT_EQ(show(p), "Post{title: \"Hi\", tags: [\"a\"], author: nil}");

    auto kind = [&](Value fields) { return error_kind_of([&] { make_struct(post, fields.as_object()); }); };
    EXPECT_EQ(kind(obj({{"title", str("Hi")}})), ErrorKind::FieldError);  // missing tags
    EXPECT_EQ(kind(obj({{"title", str("Hi")}, {"tags", arr({})}, {"extra", num(1)}})), ErrorKind::FieldError);
    EXPECT_EQ(kind(obj({{"title", num(1)}, {"tags", arr({})}})), ErrorKind::TypeError);
    EXPECT_EQ(kind(obj({{"title", str("")}, {"tags", arr({})}})), ErrorKind::ValidationError);
    EXPECT_EQ(kind(obj({{"title", str("x")}, {"tags", arr({num(1)})}})), ErrorKind::TypeError);
    EXPECT_EQ(kind(obj({{"title", str("x")}, {"tags", arr({})}, {"author", obj({})}})), ErrorKind::TypeError);

    auto user = std::make_shared<StructType>();
    user->name = "User";
    Value u = make_struct(user, Object());
    EXPECT_EQ(show(u), "User{}");
    Value with_author = make_struct(post, obj({{"title", str("x")}, {"tags", arr({})}, {"author", u}}).as_object());
    EXPECT_EQ(show(get_property(with_author, "author")), "User{}");
    EXPECT_FALSE(check(TypeSpec::of(K::Object), u));  // a struct is an object
}

TEST(Structs, SetIsCopyOnWriteAndChecked) {
    auto post = post_type();
    Value p = make_struct(post, obj({{"tags", arr({})}, {"title", str("Hi")}}).as_object());
    Value shared = p;
    Value q = struct_set(p, "title", str("Bye"));
    EXPECT_EQ(show(get_property(shared, "title")), "Hi");
    EXPECT_EQ(show(get_property(q, "title")), "Bye");
    const HeapObject* before = q.heap();
    q = struct_set(std::move(q), "title", str("Again"));
    EXPECT_EQ(q.heap(), before);
    EXPECT_EQ(error_kind_of([&] { struct_set(p, "title", str("")); }), ErrorKind::ValidationError);
    EXPECT_EQ(error_kind_of([&] { struct_set(p, "nope", str("")); }), ErrorKind::FieldError);
}
