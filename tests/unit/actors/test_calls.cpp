// Synchronous calls from Relay code (ServerHost::call): results, errors,
// self calls, cycles, timeouts with rollback, remote routing.
#include "actors_test_support.h"

namespace relay::actors::testing {
namespace {

namespace json = boost::json;

// Runs every test with the inline fast path on and off (queue + wait).
class Calls : public ::testing::TestWithParam<bool> {
protected:
    Interpreter interp;
    Runtime rt{interp, RuntimeOptions{2, 30s, GetParam()}};
    ExecContext main{interp};  // the "main program" thread's context
    std::atomic<bool> never{false};

    void SetUp() override { rt.create_server(counter_spec()); }

    Value call(std::string_view target, std::string_view method, std::vector<Value> args = {}) {
        return rt.call(main, target, method, std::move(args), nullptr);
    }
    RelayError call_error(std::string_view target, std::string_view method, std::vector<Value> args = {}) {
        try {
            call(target, method, std::move(args));
        } catch (const RelayError& e) {
            return e;
        }
        ADD_FAILURE() << "no error from " << target << "." << method;
        return RelayError(ErrorKind::NameError, "none");
    }
    // A server whose `spin` sets its field, then runs until cancelled.
    void add_slow(std::string name = "slow") {
        rt.create_server(SpecBuilder(std::move(name))
                             .field("touched", Value::boolean(false))
                             .method("spin", {},
                                     [this](auto) {
                                         state()[0] = Value::boolean(true);
                                         spin_until(never);
                                         return Value();
                                     })
                             .method("touched", {}, [](auto) { return state()[0]; })
                             .build());
    }
};

TEST_P(Calls, ReturnsTheResult) {
    EXPECT_EQ(call("counter", "increment", {Value::number(2)}).as_number(), 2);
    EXPECT_EQ(call("counter", "increment", {Value::number(3)}).as_number(), 5);
}

TEST_P(Calls, NamedArguments) {
    Value named = Value::object();
    named.mut_object().set("by", Value::number(9));
    EXPECT_EQ(rt.call(main, "counter", "increment", {}, &named.as_object()).as_number(), 9);
    Value wrong = Value::object();
    wrong.mut_object().set("bye", Value::number(9));
    EXPECT_THROW(rt.call(main, "counter", "increment", {}, &wrong.as_object()), RelayError);
}

TEST_P(Calls, CalleeErrorsAreReraisedAndRolledBack) {
    auto failed = call_error("counter", "fail", {Value::number(5)});
    EXPECT_EQ(failed.kind, ErrorKind::ValidationError);
    EXPECT_EQ(failed.message, "no way");
    auto thrown = call_error("counter", "boom", {Value::string("payload")});
    EXPECT_EQ(thrown.kind, ErrorKind::Thrown);
    EXPECT_EQ(thrown.payload.string_view(), "payload");
    EXPECT_EQ(call("counter", "get").as_number(), 0);
}

TEST_P(Calls, UnknownServerMethodAndBadArguments) {
    EXPECT_EQ(call_error("ghost", "get").message, "unknown server 'ghost'");
    EXPECT_EQ(call_error("ghost", "get").kind, ErrorKind::MessageError);
    EXPECT_EQ(call_error("counter", "nope").message, "server 'counter' has no method 'nope'");
    auto arity = call_error("counter", "increment");
    EXPECT_EQ(arity.kind, ErrorKind::TypeError);
    EXPECT_NE(arity.message.find("invalid params"), std::string::npos);
    auto type = call_error("counter", "increment", {Value::string("x")});
    EXPECT_NE(type.message.find("invalid params"), std::string::npos);
    EXPECT_EQ(call_error("counter", "increment", {make_native("f", 0, [](CallContext&, auto) { return Value(); })})
                  .message,
              "cannot send a function in a message");
}

TEST_P(Calls, ServerCallsAnotherServer) {
    rt.create_server(SpecBuilder("front")
                         .method("twice", {"by"},
                                 [this](std::span<Value> args) {
                                     rt.call(ctx(), "counter", "increment", {args[0]}, nullptr);
                                     return rt.call(ctx(), "counter", "increment", {args[0]}, nullptr);
                                 })
                         .build());
    EXPECT_EQ(call("front", "twice", {Value::number(4)}).as_number(), 8);
    auto o = call_json_sync(rt, "front", "twice", json::array{1});
    ASSERT_TRUE(o.ok) << json_text(o.data);
    EXPECT_EQ(json_text(o.result), "10");
}

TEST_P(Calls, CaughtCalleeErrorLeavesCallerStateAndRollsBackCallee) {
    rt.create_server(SpecBuilder("front")
                         .field("seen", Value::number(0))
                         .method("try_boom", {},
                                 [this](auto) {
                                     state()[0] = Value::number(1);
                                     try {
                                         rt.call(ctx(), "counter", "boom", {Value::string("x")}, nullptr);
                                     } catch (const RelayError& e) {
                                         return e.payload;
                                     }
                                     return Value();
                                 })
                         .method("seen", {}, [](auto) { return state()[0]; })
                         .build());
    EXPECT_EQ(call("front", "try_boom").string_view(), "x");
    EXPECT_EQ(call("front", "seen").as_number(), 1);
    EXPECT_EQ(call("counter", "get").as_number(), 0);
}

TEST_P(Calls, SelfCallRunsReentrantlyInTheSameTransaction) {
    rt.create_server(SpecBuilder("selfie")
                         .field("n", Value::number(0))
                         .method("bump", {},
                                 [](auto) {
                                     state()[0] = Value::number(state()[0].as_number() + 1);
                                     return state()[0];
                                 })
                         .method("twice", {},
                                 [this](auto) {
                                     rt.call(ctx(), "selfie", "bump", {}, nullptr);
                                     return rt.call(ctx(), "selfie", "bump", {}, nullptr);
                                 })
                         .method("twice_then_fail", {},
                                 [this](auto) -> Value {
                                     rt.call(ctx(), "selfie", "twice", {}, nullptr);
                                     raise(ErrorKind::IndexError, "late failure");
                                 })
                         .build());
    EXPECT_EQ(call("selfie", "twice").as_number(), 2);
    EXPECT_EQ(call_error("selfie", "twice_then_fail").message, "late failure");
    EXPECT_EQ(call("selfie", "bump").as_number(), 3);
}

TEST_P(Calls, CallCycleIsAMessageErrorNamingTheCycle) {
    auto calls = [this](std::string target, std::string method) {
        return [this, target, method](auto) { return rt.call(ctx(), target, method, {}, nullptr); };
    };
    rt.create_server(SpecBuilder("a").method("start", {}, calls("b", "ping")).method("pong", {}, [](auto) {
        return Value::number(1);
    }).build());
    rt.create_server(SpecBuilder("b").method("ping", {}, calls("a", "pong")).build());
    auto e = call_error("a", "start");
    EXPECT_EQ(e.kind, ErrorKind::MessageError);
    EXPECT_EQ(e.message, "call cycle: a -> b -> a");

    rt.create_server(SpecBuilder("c").method("go", {}, calls("d", "go")).build());
    rt.create_server(SpecBuilder("d").method("go", {}, calls("e", "go")).build());
    rt.create_server(SpecBuilder("e").method("go", {}, calls("c", "go")).build());
    auto json_error = call_json_sync(rt, "c", "go", nullptr);
    EXPECT_EQ(json_error.code, -32603);
    EXPECT_EQ(json_error.data.at("error"), json::value("call cycle: c -> d -> e -> c"));
    EXPECT_EQ(json_error.data.at("kind"), json::value("MessageError"));
    // Nothing is left blocked: the servers answer again.
    EXPECT_EQ(call("a", "pong").as_number(), 1);
}

// Two independent requests that wait on each other's server: a.x (request 1)
// calls b while b.y (request 2) calls a. No causal chain contains both, yet
// it is a deadlock; the wait-for graph sees it.
TEST_P(Calls, CycleAcrossIndependentRequestsIsDetected) {
    std::atomic<bool> a_in{false}, b_in{false};
    rt.create_server(SpecBuilder("a")
                         .method("x", {},
                                 [&](auto) {
                                     a_in = true;
                                     spin_until(b_in);
                                     return rt.call(ctx(), "b", "leaf", {}, nullptr);
                                 })
                         .method("leaf", {}, [](auto) { return Value::string("a"); })
                         .build());
    rt.create_server(SpecBuilder("b")
                         .method("y", {},
                                 [&](auto) {
                                     b_in = true;
                                     spin_until(a_in);
                                     return rt.call(ctx(), "a", "leaf", {}, nullptr);
                                 })
                         .method("leaf", {}, [](auto) { return Value::string("b"); })
                         .build());
    auto x = std::make_shared<Answer<CallOutcome>>();
    auto y = std::make_shared<Answer<CallOutcome>>();
    rt.call_json("a", "x", nullptr, [x](CallOutcome o) { x->set(std::move(o)); });
    rt.call_json("b", "y", nullptr, [y](CallOutcome o) { y->set(std::move(o)); });
    auto ox = x->get(), oy = y->get();
    ASSERT_TRUE(ox && oy);
    int cycles = 0;
    for (const CallOutcome* o : {&*ox, &*oy}) {
        if (o->ok) continue;
        EXPECT_EQ(o->code, -32603) << json_text(o->data);
        EXPECT_NE(json_text(o->data).find("call cycle: "), std::string::npos) << json_text(o->data);
        ++cycles;
    }
    EXPECT_GE(cycles, 1);
}

TEST_P(Calls, TimeoutRaisesTimeoutErrorAndRollsBack) {
    add_slow();
    rt.set_call_timeout(200ms);
    auto e = call_error("slow", "spin");
    EXPECT_EQ(e.kind, ErrorKind::TimeoutError);
    EXPECT_EQ(e.message, "call to slow.spin timed out after 200 ms");
    rt.set_call_timeout(30s);
    EXPECT_FALSE(call("slow", "touched").as_bool());
}

TEST_P(Calls, TimeoutOfAsyncCallAnswersCallTimedOut) {
    add_slow();
    rt.set_call_timeout(150ms);
    auto o = call_json_sync(rt, "slow", "spin", nullptr);
    EXPECT_EQ(o.code, -32002);
    EXPECT_EQ(o.message, "Call timed out");
    EXPECT_EQ(o.data, json::value(150));
    rt.set_call_timeout(30s);
    auto touched = call_json_sync(rt, "slow", "touched", nullptr);
    ASSERT_TRUE(touched.ok);
    EXPECT_EQ(json_text(touched.result), "false");
}

TEST_P(Calls, NestedCallInheritsTheCallersDeadline) {
    add_slow();
    rt.create_server(SpecBuilder("front")
                         .field("n", Value::number(0))
                         .method("wait_slow", {},
                                 [this](auto) {
                                     state()[0] = Value::number(1);
                                     try {
                                         rt.call(ctx(), "slow", "spin", {}, nullptr);
                                     } catch (const RelayError&) {
                                         ctx().check_cancel();  // the caller's own deadline passed too
                                     }
                                     return Value::string("survived");
                                 })
                         .method("n", {}, [](auto) { return state()[0]; })
                         .build());
    rt.set_call_timeout(200ms);
    auto o = call_json_sync(rt, "front", "wait_slow", nullptr);
    EXPECT_EQ(o.code, -32002) << json_text(o.result);
    rt.set_call_timeout(30s);
    EXPECT_EQ(call("front", "n").as_number(), 0);
    EXPECT_FALSE(call("slow", "touched").as_bool());
}

TEST_P(Calls, RemoteCallsGoThroughTheRemoteCaller) {
    EXPECT_EQ(call_error("n2.srv", "m").message, "unknown server 'n2.srv'");  // no remote caller
    FakeRemote remote;
    rt.set_remote_caller(&remote);
    remote.answer = CallOutcome{true, json::value(3), 0, "", nullptr};
    EXPECT_EQ(call("n2.srv", "add", {Value::number(1), Value::number(2)}).as_number(), 3);
    EXPECT_EQ(remote.target, "n2.srv");
    EXPECT_EQ(remote.method, "add");
    EXPECT_EQ(json_text(remote.params), "[1,2]");

    EXPECT_EQ(call("elsewhere", "add").as_number(), 3);  // unqualified, routable
    EXPECT_EQ(call_error("ghost", "add").message, "unknown server 'ghost'");

    remote.answer = CallOutcome{false, nullptr, -32000, "Application error", json::value(7)};
    auto thrown = call_error("n2.srv", "m");
    EXPECT_EQ(thrown.kind, ErrorKind::Thrown);
    EXPECT_EQ(thrown.payload.as_number(), 7);

    remote.answer = CallOutcome{false, nullptr, -32603, "Internal error",
                                json::object{{"error", "index 9 out of range"}, {"kind", "IndexError"}, {"line", 3}}};
    auto internal = call_error("n2.srv", "m");
    EXPECT_EQ(internal.kind, ErrorKind::IndexError);
    EXPECT_EQ(internal.message, "index 9 out of range");

    remote.answer.reset();
    rt.set_call_timeout(100ms);
    auto timeout = call_error("n2.srv", "m");
    EXPECT_EQ(timeout.kind, ErrorKind::TimeoutError);
    EXPECT_EQ(timeout.message, "call to n2.srv.m timed out after 100 ms");
    rt.set_remote_caller(nullptr);
}

// A handler's remote calls continue the hop count of the request it serves
// (the `hops` given to call_json/call_values), also through synchronous calls
// to other servers and to itself; the main program's calls start at 0. The
// RemoteCaller gets the count as received: it sends hops + 1 (one convention
// with JSON-RPC forwarding).
TEST_P(Calls, RemoteCallsCarryTheHopsOfTheRequest) {
    FakeRemote remote;
    remote.answer = CallOutcome{true, json::value("ok"), 0, "", nullptr};
    rt.set_remote_caller(&remote);
    auto calling = [this](std::string target, std::string method) {
        return [this, target, method](auto) { return rt.call(ctx(), target, method, {}, nullptr); };
    };
    rt.create_server(SpecBuilder("back").method("out", {}, calling("n2.srv", "m")).build());
    rt.create_server(SpecBuilder("front")
                         .method("direct", {}, calling("n2.srv", "m"))
                         .method("unqualified", {}, calling("elsewhere", "m"))
                         .method("via_back", {}, calling("back", "out"))
                         .method("via_self", {}, calling("front", "via_back"))
                         .build());
    auto json_call = [this](std::string_view method, int hops) {
        auto answer = std::make_shared<Answer<CallOutcome>>();
        rt.call_json("front", method, nullptr, [answer](CallOutcome o) { answer->set(std::move(o)); }, hops);
        auto o = answer->get();
        return o && o->ok && o->result == json::value("ok");
    };
    auto values_call = [this](std::string_view method, int hops) {
        auto answer = std::make_shared<Answer<ValueAnswer>>();
        rt.call_values(
            "front", method, {}, std::nullopt,
            [answer](Value v, std::optional<RelayError> e) { answer->set({std::move(v), std::move(e)}); }, hops);
        auto o = answer->get();
        return o && !o->error && o->result.string_view() == "ok";
    };

    EXPECT_EQ(call("front", "direct").string_view(), "ok");  // main program
    EXPECT_TRUE(json_call("direct", 0));
    EXPECT_TRUE(json_call("direct", 3));
    EXPECT_TRUE(json_call("unqualified", 4));
    EXPECT_TRUE(json_call("via_back", 5));
    EXPECT_TRUE(json_call("via_self", 6));
    EXPECT_TRUE(values_call("via_back", 7));
    EXPECT_TRUE(values_call("via_self", 8));
    EXPECT_EQ(call("front", "via_self").string_view(), "ok");  // main program again: 0
    EXPECT_EQ(remote.hops, (std::vector<int>{0, 0, 3, 4, 5, 6, 7, 8, 0}));
    EXPECT_EQ(remote.target, "n2.srv");
    rt.set_remote_caller(nullptr);
}

// Concurrent requests with different hop counts each keep their own, also
// when one server's messages queue behind each other.
TEST_P(Calls, ConcurrentRequestsKeepTheirOwnHops) {
    FakeRemote remote;
    remote.answer = CallOutcome{true, json::value("ok"), 0, "", nullptr};
    rt.set_remote_caller(&remote);
    rt.create_server(SpecBuilder("back")
                         .method("out", {}, [this](auto) { return rt.call(ctx(), "n2.srv", "m", {}, nullptr); })
                         .build());
    for (const char* name : {"f1", "f2", "f3"}) {
        rt.create_server(SpecBuilder(name)
                             .method("go", {}, [this](auto) { return rt.call(ctx(), "back", "out", {}, nullptr); })
                             .build());
    }
    constexpr int kRounds = 50;
    std::vector<std::shared_ptr<Answer<CallOutcome>>> answers;
    for (int i = 0; i < kRounds; ++i) {
        int hops = 1;
        for (const char* name : {"f1", "f2", "f3"}) {
            auto answer = std::make_shared<Answer<CallOutcome>>();
            rt.call_json(name, "go", nullptr, [answer](CallOutcome o) { answer->set(std::move(o)); }, hops++);
            answers.push_back(answer);
        }
    }
    for (auto& answer : answers) {
        auto o = answer->get();
        ASSERT_TRUE(o && o->ok) << (o ? json_text(o->data) : "no answer");
    }
    auto hops = remote.hops_seen();
    ASSERT_EQ(hops.size(), static_cast<size_t>(3 * kRounds));
    std::sort(hops.begin(), hops.end());
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < kRounds; ++j) EXPECT_EQ(hops[static_cast<size_t>(i * kRounds + j)], i + 1);
    rt.set_remote_caller(nullptr);
}

INSTANTIATE_TEST_SUITE_P(InlineAndQueued, Calls, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Inline" : "Queued"; });

}  // namespace
}  // namespace relay::actors::testing
