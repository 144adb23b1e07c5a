// The runtime driven by real Relay programs: `server` declarations,
// message()/send(), errors as seen by Relay code, cancellation at safe points.
#include "actors_test_support.h"

namespace relay::actors::testing {
namespace {

namespace json = boost::json;

class Programs : public ::testing::Test {
protected:
    Interpreter interp;
    Runtime rt{interp, RuntimeOptions{2, 30s}};

    // Runs `source` as the main program (on a big stack, like the CLI) and
    // returns its last value; a runtime error fails the test.
    Value run(std::string_view source) {
        auto compiled = interp.compile(source, "test.rl");
        EXPECT_TRUE(compiled.ok()) << compiled.error;
        if (!compiled.ok()) return Value();
        Value out;
        run_on_big_stack([&] {
            ExecContext ctx(interp);
            try {
                out = interp.run(ctx, *compiled.program);
            } catch (const RelayError& e) {
                ADD_FAILURE() << format_runtime_error(e, "test.rl");
            }
        });
        return out;
    }
    std::string run_text(std::string_view source) { return json_encode(run(source)); }

    void SetUp() override {
        run(R"(
server counter {
    state { count: number = 0 }
    receive fn increment(by: number) -> number {
        state.set("count", state.count + by)
        state.count
    }
    receive fn get() { state.count }
    receive fn fail(by) {
        state.set("count", state.count + by)
        throw {error: "refused", by: by}
    }
}
server front {
    receive fn twice(n) {
        message("counter", "increment", n)
        message("counter", "increment", n)
    }
    receive fn named(n) { send "counter" increment {by: n} }
}
)");
    }
};

TEST_F(Programs, MessagesBetweenServers) {
    EXPECT_EQ(run_text(R"(message("front", "twice", 5))"), "10");
    EXPECT_EQ(run_text(R"(message("front", "named", 1))"), "11");
    auto o = call_json_sync(rt, "front", "twice", json::array{2});
    ASSERT_TRUE(o.ok) << json_text(o.data);
    EXPECT_EQ(json_text(o.result), "15");
}

// message("node.server", ...) from a Relay receive fn passes on the hops of
// the request the message serves, also through a call to another Relay server
// and to itself; from the main program it starts at 0.
TEST_F(Programs, RemoteMessagesCarryTheHopsOfTheRequest) {
    FakeRemote remote;
    remote.answer = CallOutcome{true, json::value(42), 0, "", nullptr};
    rt.set_remote_caller(&remote);
    run(R"(
server hop_back {
    receive fn out() { message("n2.srv", "m", 1) }
    receive fn routed() { message("elsewhere", "m") }
}
server hop_front {
    receive fn go() { message("hop_back", "out") }
    receive fn again() { message("hop_front", "go") }
    receive fn routed() { send "hop_back" routed {} }
}
)");
    auto go = [this](std::string_view method, int hops) {
        auto answer = std::make_shared<Answer<CallOutcome>>();
        rt.call_json("hop_front", method, nullptr, [answer](CallOutcome o) { answer->set(std::move(o)); }, hops);
        auto o = answer->get();
        if (!o) return std::string("no answer");
        return o->ok ? json_text(o->result) : json_text(o->data);
    };
    EXPECT_EQ(go("go", 2), "42");
    EXPECT_EQ(go("again", 6), "42");
    EXPECT_EQ(go("routed", 7), "42");
    EXPECT_EQ(run_text(R"(message("hop_front", "go"))"), "42");
    EXPECT_EQ(remote.hops_seen(), (std::vector<int>{2, 6, 7, 0}));
    EXPECT_EQ(json_text(remote.params), "[1]");
    rt.set_remote_caller(nullptr);
}

TEST_F(Programs, ThrownValueReachesTheCallerAndStateRollsBack) {
    EXPECT_EQ(run_text(R"(
try { message("counter", "fail", 7) } catch e { [e.error, e.by, message("counter", "get")] }
)"),
              R"(["refused",7,0])");
}

TEST_F(Programs, ErrorsAreCatchableWithKinds) {
    EXPECT_EQ(run_text(R"(try { message("ghost", "x") } catch e { [e.kind, e.error] })"),
              R"(["MessageError","unknown server 'ghost'"])");
    EXPECT_EQ(run_text(R"(try { message("counter", "nope") } catch e { e.error })"),
              R"("server 'counter' has no method 'nope'")");
    EXPECT_EQ(run_text(R"(try { message("counter", "increment", "x") } catch e { e.kind })"), R"("TypeError")");
    EXPECT_EQ(run_text(R"(try { message("counter", "increment", fn (x) { x }) } catch e { e.error })"),
              R"("cannot send a function in a message")");
    auto o = call_json_sync(rt, "counter", "increment", json::array{"x"});
    EXPECT_EQ(o.code, -32602);
}

TEST_F(Programs, CallCycleFromRelayCode) {
    run(R"(
server ping {
    receive fn go() { message("pong", "back") }
    receive fn hello() { "hi" }
}
server pong { receive fn back() { message("ping", "hello") } }
)");
    EXPECT_EQ(run_text(R"(try { message("ping", "go") } catch e { [e.kind, e.error] })"),
              R"(["MessageError","call cycle: ping -> pong -> ping"])");
}

TEST_F(Programs, SelfMessageRunsAtOnce) {
    run(R"(
server solo {
    state { n: number = 0 }
    receive fn bump() { state.set("n", state.n + 1) }
    receive fn three() {
        bump()
        message("solo", "bump")
        send "solo" bump {}
        state.n
    }
}
)");
    EXPECT_EQ(run_text(R"(message("solo", "three"))"), "3");
}

TEST_F(Programs, RunawayHandlerIsCancelledAndRolledBack) {
    run(R"(
server busy {
    state { n: number = 0 }
    receive fn spin() {
        state.set("n", 1)
        for i in range(1e12) {}
    }
    receive fn n() { state.n }
}
)");
    rt.set_call_timeout(200ms);
    EXPECT_EQ(run_text(R"(try { message("busy", "spin") } catch e { [e.kind, e.error] })"),
              R"(["TimeoutError","call to busy.spin timed out after 200 ms"])");
    auto o = call_json_sync(rt, "busy", "spin", nullptr);
    EXPECT_EQ(o.code, -32002);
    rt.set_call_timeout(30s);
    EXPECT_EQ(run_text(R"(message("busy", "n"))"), "0");
}

TEST_F(Programs, DeepRecursionInAHandlerOnAWorker) {
    run(R"(
fn depth(n) { if n == 0 { 0 } else { 1 + depth(n - 1) } }
server deep { receive fn go(n) { depth(n) } }
)");
    auto o = call_json_sync(rt, "deep", "go", json::array{10000});
    ASSERT_TRUE(o.ok) << json_text(o.data);
    EXPECT_EQ(json_text(o.result), "10000");
}

TEST_F(Programs, DuplicateServerDeclarationFails) {
    auto compiled = interp.compile("server counter { receive fn x() { 1 } }", "dup.rl");
    ASSERT_TRUE(compiled.ok());
    ExecContext ctx(interp);
    try {
        interp.run(ctx, *compiled.program);
        FAIL() << "expected an error";
    } catch (const RelayError& e) {
        EXPECT_EQ(e.message, "server 'counter' is already defined");
    }
}

}  // namespace
}  // namespace relay::actors::testing
