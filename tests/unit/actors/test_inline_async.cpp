// The asynchronous API run inline on InlineHost threads (the node's I/O
// threads): the same answers as the queued path, busy servers still queued,
// long or blocked handlers reported to the host, deadlines still enforced.
#include "actors_test_support.h"

namespace relay::actors::testing {
namespace {

namespace json = boost::json;

// The test thread is the host's only thread; counts the stall reports.
class FakeHost final : public InlineHost {
public:
    bool is_host_thread() const noexcept override { return std::this_thread::get_id() == thread_; }
    void stalled() noexcept override {
        stalls.fetch_add(1);
        reported.store(true);
    }
    void resumed() noexcept override { resumes.fetch_add(1); }

    std::atomic<int> stalls{0}, resumes{0};
    std::atomic<bool> reported{false};

private:
    std::thread::id thread_ = std::this_thread::get_id();
};

struct Seen {
    std::string text;  // the outcome as JSON-RPC would show it
    bool on_caller;    // `done` ran on the calling thread
};

std::string describe(const CallOutcome& o) {
    if (o.ok) return "ok " + json_text(o.result);
    return std::to_string(o.code) + " " + o.message + " " + json_text(o.data);
}

Seen call_and_see(Runtime& rt, std::string_view server, std::string_view method, const json::value& params) {
    const auto caller = std::this_thread::get_id();
    auto answer = std::make_shared<Answer<Seen>>();
    rt.call_json(server, method, params, [answer, caller](CallOutcome o) {
        answer->set({describe(o), std::this_thread::get_id() == caller});
    });
    auto got = answer->get();
    if (!got) ADD_FAILURE() << "no answer from " << server << "." << method;
    return got.value_or(Seen{});
}

std::shared_ptr<const ServerSpec> odd_spec() {
    return SpecBuilder("odd")
        .method("fn", {}, [](auto) { return make_native("f", 0, [](CallContext&, auto) { return Value(); }); })
        .method("nan", {}, [](auto) { return Value::number(std::nan("")); })
        .build();
}

struct Case {
    const char* server;
    const char* method;
    json::value params;
};

std::vector<Case> every_kind_of_answer() {
    return {
        {"counter", "increment", json::array{2}},
        {"counter", "increment", json::object{{"by", 3}}},
        {"counter", "fail", json::array{5}},                                  // runtime error, rolled back
        {"counter", "boom", json::array{json::object{{"error", "sold out"}}}},  // thrown, rolled back
        {"counter", "boom", json::array{42}},
        {"counter", "increment", json::array{}},  // invalid params
        {"counter", "increment", json::array{"x"}},
        {"counter", "nope", nullptr},  // method not found
        {"ghost", "get", nullptr},
        {"odd", "fn", nullptr},
        {"odd", "nan", nullptr},
        {"counter", "get", nullptr},  // what the state is after all that
    };
}

class InlineAsync : public ::testing::Test {
protected:
    FakeHost host;
    Interpreter interp;
    Runtime rt{interp};

    void SetUp() override {
        rt.create_server(counter_spec());
        rt.set_inline_host(&host);
    }
    void TearDown() override { rt.set_inline_host(nullptr); }
};

TEST_F(InlineAsync, AnswersLikeTheQueuedPath) {
    Interpreter queued_interp;
    Runtime queued(queued_interp);  // no host: every call goes through a worker
    queued.create_server(counter_spec());
    queued.create_server(odd_spec());
    rt.create_server(odd_spec());
    for (const Case& c : every_kind_of_answer()) {
        const Seen in = call_and_see(rt, c.server, c.method, c.params);
        const Seen out = call_and_see(queued, c.server, c.method, c.params);
        EXPECT_EQ(in.text, out.text) << c.server << "." << c.method << " " << json_text(c.params);
        EXPECT_TRUE(in.on_caller) << c.server << "." << c.method;
    }
    EXPECT_EQ(call_and_see(rt, "counter", "get", nullptr).text, "ok 5");
}

TEST_F(InlineAsync, HandlerRunsOnTheCallingThreadOnlyForHostThreads) {
    std::atomic<bool> handler_on_caller{false};
    const auto caller = std::this_thread::get_id();
    rt.create_server(SpecBuilder("where")
                         .method("am_i", {},
                                 [&](auto) {
                                     handler_on_caller.store(std::this_thread::get_id() == caller);
                                     return Value();
                                 })
                         .build());
    EXPECT_TRUE(call_and_see(rt, "where", "am_i", nullptr).on_caller);
    EXPECT_TRUE(handler_on_caller.load());
    // Another thread is no host thread: queued, answered by a worker.
    std::thread([&] { EXPECT_FALSE(call_and_see(rt, "where", "am_i", nullptr).on_caller); }).join();
}

TEST_F(InlineAsync, CallValuesRunsInlineToo) {
    const auto caller = std::this_thread::get_id();
    bool on_caller = false;
    std::optional<Value> result;
    rt.call_values("counter", "increment", {Value::number(4)}, std::nullopt,
                   [&](Value v, std::optional<RelayError> e) {
                       on_caller = std::this_thread::get_id() == caller;
                       if (!e) result = std::move(v);
                   });
    ASSERT_TRUE(result.has_value());  // answered before call_values returned
    EXPECT_EQ(result->as_number(), 4);
    EXPECT_TRUE(on_caller);
}

TEST_F(InlineAsync, BusyServerIsQueued) {
    std::atomic<bool> started{false}, release{false};
    rt.create_server(SpecBuilder("busy")
                         .method("hold", {},
                                 [&](auto) {
                                     started.store(true);
                                     spin_until(release);
                                     return Value::string("held");
                                 })
                         .method("ping", {}, [](auto) { return Value::string("pong"); })
                         .build());
    std::thread holder([&] { EXPECT_EQ(call_and_see(rt, "busy", "hold", nullptr).text, "ok \"held\""); });
    ASSERT_TRUE(eventually([&] { return started.load(); }));
    auto answer = std::make_shared<Answer<Seen>>();
    const auto caller = std::this_thread::get_id();
    rt.call_json("busy", "ping", nullptr, [answer, caller](CallOutcome o) {
        answer->set({describe(o), std::this_thread::get_id() == caller});
    });
    EXPECT_EQ(answer->count(), 0u);  // queued behind `hold`, not run here
    release.store(true);
    auto got = answer->get();
    ASSERT_TRUE(got);
    EXPECT_EQ(got->text, "ok \"pong\"");
    EXPECT_FALSE(got->on_caller);
    holder.join();
}

TEST_F(InlineAsync, LongHandlerIsReportedThenResumed) {
    rt.create_server(SpecBuilder("long")
                         .method("until_reported", {},
                                 [&](auto) { return Value::boolean(spin_until(host.reported)); })
                         .build());
    EXPECT_EQ(call_and_see(rt, "long", "until_reported", nullptr).text, "ok true");
    EXPECT_EQ(host.stalls.load(), 1);
    EXPECT_EQ(host.resumes.load(), 1);
    EXPECT_EQ(call_and_see(rt, "counter", "get", nullptr).text, "ok 0");  // short calls are not reported
    EXPECT_EQ(host.stalls.load(), 1);
}

// `front` runs inline and calls `back`, which another thread keeps busy
// until the host hears that `front` blocks: the nested queued call works
// from an inline handler, and the blocked thread is reported.
TEST_F(InlineAsync, HandlerBlockedOnABusyServerIsReported) {
    std::atomic<bool> started{false};
    rt.create_server(SpecBuilder("back")
                         .method("hold", {},
                                 [&](auto) {
                                     started.store(true);
                                     spin_until(host.reported);
                                     return Value::string("released");
                                 })
                         .method("get", {}, [](auto) { return Value::number(7); })
                         .build());
    rt.create_server(SpecBuilder("front")
                         .method("ask", {}, [](auto) { return ctx().interp.host()->call(ctx(), "back", "get", {}, nullptr); })
                         .build());
    std::thread holder([&] { EXPECT_EQ(call_and_see(rt, "back", "hold", nullptr).text, "ok \"released\""); });
    ASSERT_TRUE(eventually([&] { return started.load(); }));
    EXPECT_EQ(call_and_see(rt, "front", "ask", nullptr).text, "ok 7");
    holder.join();
    EXPECT_EQ(host.stalls.load(), host.resumes.load());
    EXPECT_GE(host.stalls.load(), 1);
}

TEST_F(InlineAsync, DeadlineStillAppliesAndRollsBack) {
    rt.set_call_timeout(100ms);
    std::atomic<bool> never{false};
    rt.create_server(SpecBuilder("stuck")
                         .field("n", Value::number(0))
                         .method("spin", {},
                                 [&](auto) {
                                     state()[0] = Value::number(1);
                                     spin_until(never);  // throws Cancelled at the deadline
                                     return Value();
                                 })
                         .method("n", {}, [](auto) { return state()[0]; })
                         .build());
    EXPECT_EQ(call_and_see(rt, "stuck", "spin", nullptr).text, "-32002 Call timed out 100");
    EXPECT_EQ(call_and_see(rt, "stuck", "n", nullptr).text, "ok 0");
    EXPECT_EQ(host.stalls.load(), host.resumes.load());
}

}  // namespace
}  // namespace relay::actors::testing
