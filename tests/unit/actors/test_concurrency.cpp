// The runtime under concurrency: one message at a time per server,
// parallelism across servers, no deadlock, no starvation.
#include "actors_test_support.h"

namespace relay::actors::testing {
namespace {

namespace json = boost::json;

TEST(Concurrency, SixteenThreadsIncrementOneCounterExactly) {
    Interpreter interp;
    Runtime rt(interp);
    rt.create_server(counter_spec());
    constexpr int kThreads = 16, kCalls = 10'000;
    std::atomic<int> answered{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kCalls; ++i) {
                rt.call_json("counter", "increment", json::array{1}, [&](CallOutcome o) {
                    if (!o.ok) failed.fetch_add(1);
                    answered.fetch_add(1);
                });
            }
        });
    }
    for (auto& t : threads) t.join();
    ASSERT_TRUE(eventually([&] { return answered.load() == kThreads * kCalls; }, 60s)) << answered.load();
    EXPECT_EQ(failed.load(), 0);
    auto o = call_json_sync(rt, "counter", "get", nullptr);
    EXPECT_EQ(json_text(o.result), "160000");
}

TEST(Concurrency, DifferentServersRunInParallel) {
    Interpreter interp;
    Runtime rt(interp, RuntimeOptions{2});
    std::atomic<int> inside{0};
    std::atomic<bool> both{false};
    auto meet = [&](auto) {
        if (inside.fetch_add(1) + 1 == 2) both = true;
        return Value::boolean(spin_until(both));  // true only if the other server ran at the same time
    };
    rt.create_server(SpecBuilder("left").method("meet", {}, meet).build());
    rt.create_server(SpecBuilder("right").method("meet", {}, meet).build());
    auto l = std::make_shared<Answer<CallOutcome>>();
    auto r = std::make_shared<Answer<CallOutcome>>();
    rt.call_json("left", "meet", nullptr, [l](CallOutcome o) { l->set(std::move(o)); });
    rt.call_json("right", "meet", nullptr, [r](CallOutcome o) { r->set(std::move(o)); });
    auto lo = l->get(), ro = r->get();
    ASSERT_TRUE(lo && ro);
    EXPECT_EQ(json_text(lo->result), "true");
    EXPECT_EQ(json_text(ro->result), "true");
}

TEST(Concurrency, OneServerRunsOneMessageAtATime) {
    Interpreter interp;
    Runtime rt(interp, RuntimeOptions{4});
    std::atomic<int> inside{0}, overlaps{0};
    rt.create_server(SpecBuilder("solo")
                         .method("work", {},
                                 [&](auto) {
                                     if (inside.fetch_add(1) != 0) overlaps.fetch_add(1);
                                     for (int i = 0; i < 1000; ++i) std::atomic_signal_fence(std::memory_order_seq_cst);
                                     inside.fetch_sub(1);
                                     return Value();
                                 })
                         .build());
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) rt.call_json("solo", "work", nullptr, [&](CallOutcome) { ++answered; });
        });
    for (auto& t : threads) t.join();
    ASSERT_TRUE(eventually([&] { return answered.load() == 8000; }));
    EXPECT_EQ(overlaps.load(), 0);
}

// A handler that never ends on its own must not keep other servers waiting
// for its worker: with ONE worker, `hog` spins until `helper` (which needs a
// worker) sets the flag. Only the monitor's extra worker lets that happen
// before the call timeout.
TEST(Concurrency, RunawayHandlerDoesNotStarveOtherServers) {
    Interpreter interp;
    Runtime rt(interp, RuntimeOptions{1, 30s});
    std::atomic<bool> released{false};
    rt.create_server(SpecBuilder("hog").method("spin", {}, [&](auto) { return Value::boolean(spin_until(released)); }).build());
    rt.create_server(SpecBuilder("helper").method("release", {}, [&](auto) {
        released = true;
        return Value();
    }).build());
    auto hog = std::make_shared<Answer<CallOutcome>>();
    rt.call_json("hog", "spin", nullptr, [hog](CallOutcome o) { hog->set(std::move(o)); });
    auto helped = call_json_sync(rt, "helper", "release", nullptr, 25s);
    EXPECT_TRUE(helped.ok);
    auto h = hog->get(25s);
    ASSERT_TRUE(h);
    EXPECT_TRUE(h->ok);
    EXPECT_EQ(json_text(h->result), "true");
}

// s0 -> s1 -> ... -> s19: each handler calls the next server and waits.
std::shared_ptr<Runtime> make_chain(Interpreter& interp, RuntimeOptions options, int length) {
    auto rt = std::make_shared<Runtime>(interp, options);
    Runtime* r = rt.get();
    for (int i = 0; i < length; ++i) {
        std::string next = i + 1 < length ? "s" + std::to_string(i + 1) : "";
        rt->create_server(SpecBuilder("s" + std::to_string(i))
                              .field("hits", Value::number(0))
                              .method("pass", {"n"},
                                      [r, next](std::span<Value> args) {
                                          state()[0] = Value::number(state()[0].as_number() + 1);
                                          if (next.empty()) return Value::number(args[0].as_number());
                                          Value got = r->call(ctx(), next, "pass", {Value::number(args[0].as_number() + 1)}, nullptr);
                                          return got;
                                      })
                              .method("hits", {}, [](auto) { return state()[0]; })
                              .build());
    }
    return rt;
}

class Chain : public ::testing::TestWithParam<bool> {};

TEST_P(Chain, NoDeadlockWithOneWorkerAndTwentyServers) {
    Interpreter interp;
    auto rt = make_chain(interp, RuntimeOptions{1, 30s, GetParam()}, 20);
    auto o = call_json_sync(*rt, "s0", "pass", json::array{0});
    ASSERT_TRUE(o.ok) << json_text(o.data);
    EXPECT_EQ(json_text(o.result), "19");
}

// Many requests entering the chain at different servers at once: servers are
// busy when called, so callers really queue and wait, and waiting workers
// must be compensated for the chain to finish.
TEST_P(Chain, ConcurrentRequestsThroughTheChainAllComplete) {
    Interpreter interp;
    auto rt = make_chain(interp, RuntimeOptions{1, 30s, GetParam()}, 20);
    constexpr int kRequests = 200;
    std::atomic<int> ok{0}, answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = t; i < kRequests; i += 4) {
                const int start = i % 20;
                rt->call_json("s" + std::to_string(start), "pass", json::array{start}, [&](CallOutcome o) {
                    if (o.ok && json_text(o.result) == "19") ++ok;
                    ++answered;
                });
            }
        });
    for (auto& t : threads) t.join();
    ASSERT_TRUE(eventually([&] { return answered.load() == kRequests; }, 60s)) << answered.load();
    EXPECT_EQ(ok.load(), kRequests);
    // Every request passed through s19 exactly once.
    EXPECT_EQ(json_text(call_json_sync(*rt, "s19", "hits", nullptr).result), std::to_string(kRequests));
}

INSTANTIATE_TEST_SUITE_P(InlineAndQueued, Chain, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Inline" : "Queued"; });

TEST(Concurrency, ManyServersCalledFromManyThreads) {
    Interpreter interp;
    Runtime rt(interp);
    constexpr int kServers = 64;
    for (int i = 0; i < kServers; ++i) rt.create_server(counter_spec("c" + std::to_string(i)));
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 4000; ++i)
                rt.call_values("c" + std::to_string(i % kServers), "increment", {Value::number(1)}, std::nullopt,
                               [&](Value, std::optional<RelayError> e) {
                                   EXPECT_FALSE(e);
                                   ++answered;
                               });
        });
    for (auto& t : threads) t.join();
    ASSERT_TRUE(eventually([&] { return answered.load() == 8 * 4000; }, 60s));
    double total = 0;
    for (int i = 0; i < kServers; ++i)
        total += call_values_sync(rt, "c" + std::to_string(i), "get", {}).result.as_number();
    EXPECT_EQ(total, 8 * 4000);
}

TEST(Concurrency, ShutdownAnswersQueuedCallsAndWaitsForRunningOnes) {
    Interpreter interp;
    auto rt = std::make_unique<Runtime>(interp, RuntimeOptions{1, 30s});
    std::atomic<bool> go{false}, started{false};
    rt->create_server(SpecBuilder("busy").method("work", {}, [&](auto) {
        started = true;
        spin_until(go);
        return Value::string("finished");
    }).build());
    auto first = std::make_shared<Answer<CallOutcome>>();
    auto queued = std::make_shared<Answer<CallOutcome>>();
    rt->call_json("busy", "work", nullptr, [first](CallOutcome o) { first->set(std::move(o)); });
    ASSERT_TRUE(eventually([&] { return started.load(); }));
    rt->call_json("busy", "work", nullptr, [queued](CallOutcome o) { queued->set(std::move(o)); });
    std::thread stopper([&] { rt->shutdown(); });
    auto q = queued->get();
    ASSERT_TRUE(q);
    EXPECT_FALSE(q->ok);
    go = true;
    stopper.join();
    auto f = first->get();
    ASSERT_TRUE(f);
    EXPECT_TRUE(f->ok);
    EXPECT_EQ(json_text(f->result), "\"finished\"");
}

}  // namespace
}  // namespace relay::actors::testing
