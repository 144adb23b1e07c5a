// actors::Runtime: registration, inspection and the asynchronous API's
// JSON-RPC mapping (NODE_API.md §2).
#include "actors_test_support.h"

namespace relay::actors::testing {
namespace {

namespace json = boost::json;

class RuntimeApi : public ::testing::Test {
protected:
    Interpreter interp;
    Runtime rt{interp};
    void SetUp() override { rt.create_server(counter_spec()); }
};

TEST_F(RuntimeApi, RegistersItselfAsTheInterpreterHost) { EXPECT_EQ(interp.host(), &rt); }

TEST_F(RuntimeApi, DuplicateServerIsAMessageError) {
    try {
        rt.create_server(counter_spec());
        FAIL() << "expected an error";
    } catch (const RelayError& e) {
        EXPECT_EQ(e.kind, ErrorKind::MessageError);
        EXPECT_EQ(e.message, "server 'counter' is already defined");
    }
}

TEST_F(RuntimeApi, ListsServersWithSortedMethodsAndStateTypes) {
    rt.create_server(SpecBuilder("alpha").method("z", {}, [](auto) { return Value(); }).build());
    EXPECT_TRUE(rt.has_server("counter"));
    EXPECT_FALSE(rt.has_server("nope"));
    EXPECT_EQ(rt.server_names(), (std::vector<std::string>{"alpha", "counter"}));
    const auto infos = rt.servers();
    ASSERT_EQ(infos.size(), 2u);
    EXPECT_EQ(infos[0].name, "alpha");
    EXPECT_EQ(infos[1].methods, (std::vector<std::string>{"boom", "fail", "get", "increment"}));
    using Field = std::pair<std::string, std::string>;
    EXPECT_EQ(infos[1].state, (std::vector<Field>{{"count", "number"}, {"notes", "any"}}));
}

TEST_F(RuntimeApi, ManyServersAreFoundByName) {
    for (int i = 0; i < 300; ++i) rt.create_server(counter_spec("c" + std::to_string(i)));
    for (int i = 0; i < 300; ++i) EXPECT_TRUE(rt.has_server("c" + std::to_string(i))) << i;
    EXPECT_EQ(rt.server_names().size(), 301u);
}

TEST_F(RuntimeApi, CallJsonPositionalNamedAndNone) {
    auto a = call_json_sync(rt, "counter", "increment", json::array{2});
    ASSERT_TRUE(a.ok) << a.message;
    EXPECT_EQ(json_text(a.result), "2");
    auto b = call_json_sync(rt, "counter", "increment", json::object{{"by", 3}});
    ASSERT_TRUE(b.ok) << a.message;
    EXPECT_EQ(json_text(b.result), "5");
    auto c = call_json_sync(rt, "counter", "get", nullptr);
    ASSERT_TRUE(c.ok);
    EXPECT_EQ(json_text(c.result), "5");
}

TEST_F(RuntimeApi, UnknownServerOrMethodIsMethodNotFound) {
    for (auto [server, method] : {std::pair{"ghost", "get"}, std::pair{"counter", "nope"}}) {
        auto o = call_json_sync(rt, server, method, json::array{});
        EXPECT_FALSE(o.ok);
        EXPECT_EQ(o.code, -32601);
        EXPECT_EQ(o.message, "Method not found");
        EXPECT_EQ(o.data, json::value(std::string(server) + "." + method));
    }
}

TEST_F(RuntimeApi, BadParamsAreInvalidParams) {
    const json::value cases[] = {json::array{}, json::array{1, 2}, json::array{"x"}, json::object{{"bye", 1}},
                                 json::object{}, json::value("text")};
    for (const auto& params : cases) {
        auto o = call_json_sync(rt, "counter", "increment", params);
        EXPECT_FALSE(o.ok) << json_text(params);
        EXPECT_EQ(o.code, -32602) << json_text(params);
        EXPECT_EQ(o.message, "Invalid params");
        ASSERT_TRUE(o.data.is_string());
        EXPECT_NE(std::string(o.data.as_string()).find("invalid params"), std::string::npos) << json_text(o.data);
    }
    EXPECT_EQ(json_text(call_json_sync(rt, "counter", "get", nullptr).result), "0");
}

TEST_F(RuntimeApi, RuntimeErrorIsInternalErrorAndRollsBack) {
    auto o = call_json_sync(rt, "counter", "fail", json::array{5});
    EXPECT_FALSE(o.ok);
    EXPECT_EQ(o.code, -32603);
    EXPECT_EQ(o.message, "Internal error");
    ASSERT_TRUE(o.data.is_object());
    EXPECT_EQ(o.data.at("error"), json::value("no way"));
    EXPECT_EQ(o.data.at("kind"), json::value("ValidationError"));
    EXPECT_TRUE(o.data.as_object().contains("line"));
    EXPECT_EQ(json_text(call_json_sync(rt, "counter", "get", nullptr).result), "0");  // rolled back, still serving
}

TEST_F(RuntimeApi, ThrownValueIsApplicationError) {
    auto o = call_json_sync(rt, "counter", "boom", json::array{json::object{{"error", "out of stock"}, {"n", 3}}});
    EXPECT_EQ(o.code, -32000);
    EXPECT_EQ(o.message, "out of stock");
    EXPECT_EQ(json_text(o.data), R"({"error":"out of stock","n":3})");
    auto p = call_json_sync(rt, "counter", "boom", json::array{42});
    EXPECT_EQ(p.code, -32000);
    EXPECT_EQ(p.message, "Application error");
    EXPECT_EQ(json_text(p.data), "42");
    EXPECT_EQ(json_text(call_json_sync(rt, "counter", "get", nullptr).result), "0");
}

TEST_F(RuntimeApi, ResultThatIsNotDataOrNotJsonFails) {
    rt.create_server(SpecBuilder("odd")
                         .method("fn", {}, [](auto) { return make_native("f", 0, [](CallContext&, auto) { return Value(); }); })
                         .method("nan", {}, [](auto) { return Value::number(std::nan("")); })
                         .build());
    auto f = call_json_sync(rt, "odd", "fn", nullptr);
    EXPECT_EQ(f.code, -32603);
    EXPECT_EQ(f.data.at("error"), json::value("cannot send a function in a message"));
    auto n = call_json_sync(rt, "odd", "nan", nullptr);
    EXPECT_EQ(n.code, -32603);
    EXPECT_EQ(n.data.at("kind"), json::value("JSONError"));
}

TEST_F(RuntimeApi, CallValuesAnswersValuesAndErrors) {
    auto ok = call_values_sync(rt, "counter", "increment", {Value::number(4)});
    ASSERT_FALSE(ok.error) << ok.error->message;
    EXPECT_EQ(ok.result.as_number(), 4);

    auto thrown = call_values_sync(rt, "counter", "boom", {Value::string("bad")});
    ASSERT_TRUE(thrown.error);
    EXPECT_EQ(thrown.error->kind, ErrorKind::Thrown);
    EXPECT_EQ(thrown.error->payload.string_view(), "bad");

    auto unknown = call_values_sync(rt, "ghost", "get", {});
    ASSERT_TRUE(unknown.error);
    EXPECT_EQ(unknown.error->kind, ErrorKind::MessageError);
    EXPECT_EQ(unknown.error->message, "unknown server 'ghost'");

    auto no_method = call_values_sync(rt, "counter", "nope", {});
    ASSERT_TRUE(no_method.error);
    EXPECT_EQ(no_method.error->message, "server 'counter' has no method 'nope'");

    auto arity = call_values_sync(rt, "counter", "increment", {});
    ASSERT_TRUE(arity.error);
    EXPECT_EQ(arity.error->kind, ErrorKind::TypeError);
    EXPECT_NE(arity.error->message.find("invalid params"), std::string::npos);
}

TEST_F(RuntimeApi, CallValuesWithNamedArguments) {
    Value named = Value::object();
    named.mut_object().set("by", Value::number(7));
    auto answer = std::make_shared<Answer<ValueAnswer>>();
    rt.call_values("counter", "increment", {}, named,
                   [answer](Value v, std::optional<RelayError> e) { answer->set({std::move(v), std::move(e)}); });
    auto got = answer->get();
    ASSERT_TRUE(got && !got->error);
    EXPECT_EQ(got->result.as_number(), 7);
}

TEST_F(RuntimeApi, FunctionsCannotBeSent) {
    rt.create_server(SpecBuilder("sink").method("take", {"x"}, [](auto) { return Value(); }).build());
    auto fn = make_native("f", 0, [](CallContext&, auto) { return Value(); });
    auto direct = call_values_sync(rt, "sink", "take", {fn});
    ASSERT_TRUE(direct.error);
    EXPECT_EQ(direct.error->kind, ErrorKind::TypeError);
    EXPECT_EQ(direct.error->message, "cannot send a function in a message");
    auto nested = call_values_sync(rt, "sink", "take", {Value::array({Value::number(1), fn})});
    ASSERT_TRUE(nested.error);
    EXPECT_EQ(nested.error->message, "cannot send a function in a message");
}

TEST_F(RuntimeApi, ShutdownIsIdempotentAndRefusesLaterCalls) {
    rt.shutdown();
    rt.shutdown();
    auto o = call_json_sync(rt, "counter", "get", nullptr);
    EXPECT_FALSE(o.ok);
    EXPECT_EQ(o.code, -32603);
    auto v = call_values_sync(rt, "counter", "get", {});
    ASSERT_TRUE(v.error);
    EXPECT_EQ(v.error->message, "server 'counter' is stopped");
}

TEST(RuntimeOptionsTest, TimeoutIsAdjustable) {
    Interpreter interp;
    Runtime rt(interp, RuntimeOptions{2, 1500ms});
    EXPECT_EQ(rt.call_timeout(), 1500ms);
    rt.set_call_timeout(250ms);
    EXPECT_EQ(rt.call_timeout(), 250ms);
}

TEST(RuntimeLifetime, DestroyingARuntimeWithoutServersOrCalls) {
    Interpreter interp;
    { Runtime rt(interp); }
    EXPECT_EQ(interp.host(), nullptr);
}

}  // namespace
}  // namespace relay::actors::testing
