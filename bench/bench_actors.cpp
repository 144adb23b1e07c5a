// Actor runtime throughput and footprint (docs/ACTORS.md "Performance").
//
//   build/bench/bench_actors --benchmark_counters_tabular=true
//
// Round trips: a caller thread sends one call and waits for its answer before
// the next (latency-bound); 8 callers against 1 server (the server is the
// bottleneck) and against 8 servers (one each). Pipelined: one thread keeps
// many calls in flight. Server to server: a receive fn messaging another
// server N times (the inline fast path, and the queue for comparison).
// Memory: resident bytes per idle server.
#include <benchmark/benchmark.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>

#include "actors/runtime.h"
#include "lang/error.h"
#include "lang/interp.h"
#include "lang/types.h"
#include "lang/value.h"

namespace {

using namespace relay;
using relay::actors::Runtime;
namespace json = boost::json;

std::shared_ptr<const ServerSpec> counter(std::string name) {
    auto spec = std::make_shared<ServerSpec>();
    spec->name = std::move(name);
    spec->state.push_back(StateField{"count", TypeSpec::of(TypeSpec::Kind::Number), Value::number(0)});
    ReceiveMethod inc;
    inc.name = "increment";
    inc.param_names = {"by"};
    inc.param_types = {TypeSpec::of(TypeSpec::Kind::Number)};
    inc.function = make_native("increment", 1, [](CallContext&, std::span<Value> args) {
        auto& s = *Runtime::current_context()->state;
        s[0] = Value::number(s[0].as_number() + args[0].as_number());
        return s[0];
    });
    spec->methods.push_back(std::move(inc));
    return spec;
}

// A server whose `drive(n)` messages counter `target` n times.
std::shared_ptr<const ServerSpec> driver(std::string name, std::string target, Runtime& rt) {
    auto spec = std::make_shared<ServerSpec>();
    spec->name = std::move(name);
    ReceiveMethod drive;
    drive.name = "drive";
    drive.param_names = {"n"};
    drive.param_types = {std::nullopt};
    drive.function = make_native("drive", 1, [&rt, target](CallContext&, std::span<Value> args) {
        ExecContext& ctx = *Runtime::current_context();
        const int n = static_cast<int>(args[0].as_number());
        Value last;
        for (int i = 0; i < n; ++i) last = rt.call(ctx, target, "increment", {Value::number(1)}, nullptr);
        return last;
    });
    spec->methods.push_back(std::move(drive));
    return spec;
}

// One runtime with 8 counters for the round-trip benchmarks (shared by the
// benchmark threads; built once).
struct Shared {
    Interpreter interp;
    Runtime rt{interp};
    Shared() {
        for (int i = 0; i < 8; ++i) rt.create_server(counter("c" + std::to_string(i)));
    }
};
Shared& shared() {
    static Shared* s = new Shared;  // never destroyed: benchmark threads may still be winding down
    return *s;
}

// Blocks the calling thread until `done` is called (futex via atomic wait).
struct Waiter {
    std::atomic<uint32_t> flag{0};
    void reset() { flag.store(0, std::memory_order_relaxed); }
    void signal() {
        flag.store(1, std::memory_order_release);
        flag.notify_one();
    }
    void wait() { flag.wait(0, std::memory_order_acquire); }
};

void round_trip_values(benchmark::State& state, bool one_server) {
    Runtime& rt = shared().rt;
    const std::string server = one_server ? "c0" : "c" + std::to_string(state.thread_index() % 8);
    Waiter waiter;
    for (auto _ : state) {
        waiter.reset();
        rt.call_values(server, "increment", {Value::number(1)}, std::nullopt,
                       [&](Value v, std::optional<RelayError>) {
                           benchmark::DoNotOptimize(v);
                           waiter.signal();
                       });
        waiter.wait();
    }
    state.SetItemsProcessed(state.iterations());
}

void round_trip_json(benchmark::State& state, bool one_server) {
    Runtime& rt = shared().rt;
    const std::string server = one_server ? "c0" : "c" + std::to_string(state.thread_index() % 8);
    const json::value params = json::array{1};
    Waiter waiter;
    for (auto _ : state) {
        waiter.reset();
        rt.call_json(server, "increment", params, [&](actors::CallOutcome o) {
            benchmark::DoNotOptimize(o);
            waiter.signal();
        });
        waiter.wait();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_RoundTripValues_OneServer(benchmark::State& s) { round_trip_values(s, true); }
void BM_RoundTripValues_ServerPerCaller(benchmark::State& s) { round_trip_values(s, false); }
void BM_RoundTripJson_OneServer(benchmark::State& s) { round_trip_json(s, true); }
void BM_RoundTripJson_ServerPerCaller(benchmark::State& s) { round_trip_json(s, false); }
BENCHMARK(BM_RoundTripValues_OneServer)->Threads(1)->Threads(8)->UseRealTime();
BENCHMARK(BM_RoundTripValues_ServerPerCaller)->Threads(8)->UseRealTime();
BENCHMARK(BM_RoundTripJson_OneServer)->Threads(1)->Threads(8)->UseRealTime();
BENCHMARK(BM_RoundTripJson_ServerPerCaller)->Threads(8)->UseRealTime();

// Many calls in flight from one thread: throughput rather than latency.
void BM_PipelinedJson_OneServer(benchmark::State& state) {
    Runtime& rt = shared().rt;
    const json::value params = json::array{1};
    constexpr int kBatch = 1000;
    for (auto _ : state) {
        std::atomic<int> left{kBatch};
        Waiter waiter;
        for (int i = 0; i < kBatch; ++i)
            rt.call_json("c1", "increment", params, [&](actors::CallOutcome) {
                if (left.fetch_sub(1) == 1) waiter.signal();
            });
        waiter.wait();
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_PipelinedJson_OneServer)->UseRealTime();

// Server -> server messages from a receive fn (message() in Relay code).
void server_to_server(benchmark::State& state, bool inline_calls) {
    Interpreter interp;
    Runtime rt(interp, actors::RuntimeOptions{2, std::chrono::seconds(30), inline_calls});
    rt.create_server(counter("target"));
    rt.create_server(driver("driver", "target", rt));
    constexpr int kCalls = 10'000;
    for (auto _ : state) {
        Waiter waiter;
        rt.call_values("driver", "drive", {Value::number(kCalls)}, std::nullopt,
                       [&](Value, std::optional<RelayError>) { waiter.signal(); });
        waiter.wait();
    }
    state.SetItemsProcessed(state.iterations() * kCalls);
}
void BM_ServerToServer_Inline(benchmark::State& s) { server_to_server(s, true); }
void BM_ServerToServer_Queued(benchmark::State& s) { server_to_server(s, false); }
BENCHMARK(BM_ServerToServer_Inline)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ServerToServer_Queued)->UseRealTime()->Unit(benchmark::kMillisecond);

// The same from Relay code: a `for` loop of message() calls in a receive fn,
// interpreted on both sides.
void BM_RelayServerToServer(benchmark::State& state) {
    Interpreter interp;
    Runtime rt(interp);
    auto program = interp.compile(R"(
server target {
    state { n: number = 0 }
    receive fn inc() { state.set("n", state.n + 1) }
}
server driver {
    receive fn drive(k) {
        for i in range(k) { message("target", "inc") }
    }
}
)", "bench.rl");
    ExecContext main(interp);
    interp.run(main, *program.program);
    constexpr int kCalls = 10'000;
    for (auto _ : state) {
        Waiter waiter;
        rt.call_values("driver", "drive", {Value::number(kCalls)}, std::nullopt,
                       [&](Value, std::optional<RelayError>) { waiter.signal(); });
        waiter.wait();
    }
    state.SetItemsProcessed(state.iterations() * kCalls);
}
BENCHMARK(BM_RelayServerToServer)->UseRealTime()->Unit(benchmark::kMillisecond);

long resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

// Resident memory per idle server: the runtime's actor plus the spec (one
// state field, one method), as a program's `server` declaration creates.
void BM_MemoryPerIdleServer(benchmark::State& state) {
    constexpr int kServers = 10'000;
    double per_server = 0;
    for (auto _ : state) {
        Interpreter interp;
        Runtime rt(interp);
        const long before = resident_bytes();
        for (int i = 0; i < kServers; ++i) rt.create_server(counter("idle" + std::to_string(i)));
        per_server = static_cast<double>(resident_bytes() - before) / kServers;
    }
    state.counters["bytes_per_server"] = per_server;
}
BENCHMARK(BM_MemoryPerIdleServer)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
