// Runtime internals shared by the actors sources. See docs/ACTORS.md.
#pragma once

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "actors/actor.h"
#include "actors/call.h"
#include "actors/deadlines.h"
#include "actors/runtime.h"

namespace relay::actors {

// A pool thread. Fields marked "mu" are guarded by Impl::mu.
struct Worker {
    explicit Worker(Runtime::Impl& owner) : impl(owner) {}
    Runtime::Impl& impl;
    pthread_t thread{};
    std::binary_semaphore wake{0};
    bool parked = false;  // mu: in Impl::idle
    bool exited = false;  // mu: the thread is gone (or going); join it
    // mu to change; read without it as a hint. A worker holds one of the
    // pool's `workers` tokens while it runs actors; it gives it back when it
    // parks, blocks on a reply, or is declared stalled by the monitor.
    std::atomic<bool> has_token{true};
    std::atomic<bool> running{false};       // inside a message
    std::atomic<uint64_t> messages{0};      // progress, for stall detection
    uint64_t seen = 0;                       // mu: monitor's last look at `messages`
    int still_ticks = 0;                     // mu: ticks without progress
};

// An asynchronous call running inline on an InlineHost thread, listed for
// the monitor's stall check (Impl::inline_mu guards the list and `reported`).
struct InlineRun {
    Runtime::Impl* impl = nullptr;
    Clock::time_point since;
    bool reported = false;  // InlineHost::stalled() was called for it
    InlineRun* prev = nullptr;
    InlineRun* next = nullptr;
};

// When a call must be answered, and the time it was given (for the message).
struct Deadline {
    Clock::time_point at;
    std::chrono::milliseconds budget;
};

struct Runtime::Impl {
    Impl(Interpreter& interp, RuntimeOptions options);

    Interpreter& interp;
    const int target_workers;
    const bool inline_calls;
    std::atomic<int64_t> timeout_ms;
    std::atomic<RemoteCaller*> remote{nullptr};
    std::atomic<bool> stopping{false};
    std::once_flag globals_shared;
    std::mutex shutdown_mu;
    bool shut_down = false;  // shutdown_mu
    Directory directory;
    Deadlines deadlines;

    std::chrono::milliseconds timeout() const {
        return std::chrono::milliseconds(timeout_ms.load(std::memory_order_relaxed));
    }

    // ---- pool (scheduler.cpp) ------------------------------------------------
    std::mutex mu;
    std::deque<Actor*> runq;        // mu: busy actors with queued calls
    int tokens;                     // mu: free run slots (target_workers - holders); may go negative
    std::atomic<int> tokens_hint;   // = tokens, for lock-free "am I over budget" checks
    std::vector<Worker*> idle;      // mu: parked workers, most recent last
    std::list<Worker> workers;      // mu
    int threads = 0;                // mu: live worker threads
    std::condition_variable threads_cv;

    std::thread monitor;
    std::mutex monitor_mu;
    std::condition_variable monitor_cv;
    bool monitor_stop = false;  // monitor_mu

    void start_monitor();
    void schedule(Actor& actor);
    void wake_locked();
    void add_tokens_locked(int n);
    bool spawn_locked();
    void worker_main(Worker& w);
    Actor* next_actor(Worker& w);
    bool park(std::unique_lock<std::mutex>& lock, Worker& w);
    bool retire_locked(Worker& w);
    void run_turn(ExecContext& ctx, Worker& w, Actor& actor);
    // Brackets a wait for a reply on the current thread: a pool worker gives
    // its token back meanwhile so the pool keeps its capacity.
    void begin_blocking();
    void end_blocking();
    void monitor_main();
    void check_stalls_locked();
    void expire_deadlines();
    void join_exited();
    void stop_pool();

    // ---- asynchronous calls run inline (inline_async.cpp) -------------------------
    std::atomic<InlineHost*> inline_host{nullptr};  // written under inline_mu
    std::mutex inline_mu;                            // the list below; calls into the host
    InlineRun* inline_runs = nullptr;                // inline_mu
    SpinLock contexts_lock;
    std::vector<std::unique_ptr<ExecContext>> spare_contexts;  // contexts_lock
    size_t contexts_created = 0;                               // contexts_lock

    bool may_run_inline(Actor& actor) const noexcept;
    void run_async_inline(Call* call);
    std::unique_ptr<ExecContext> lease_context();
    void return_context(std::unique_ptr<ExecContext> ctx) noexcept;
    void start_inline_run(InlineRun& run);
    void end_inline_run(InlineRun& run);
    void report_blocking() noexcept;
    void check_inline_runs();
    void set_inline_host(InlineHost* host);

    // ---- messages (execute.cpp) -------------------------------------------------
    bool execute(ExecContext& ctx, Actor& actor, Call& call);
    Outcome run_handler(ExecContext& ctx, Call& call);
    void deliver(Call& call);
    void deliver_timeout(Call& call);
    void fail_queued(Call* calls, const std::string& why);
    Call* make_async_call(Actor& actor, const ReceiveMethod& method, std::vector<Value> args, int hops);
    void submit_async(Call* call);

    // ---- calls from Relay code (calls.cpp, cycles.cpp, remote.cpp) ----------------
    Value call(ExecContext& ctx, std::string_view target, std::string_view method, std::vector<Value> args,
               const Object* named);
    Value run_inline(ExecContext& ctx, Actor* self, Actor& callee, const ReceiveMethod& method,
                     std::vector<Value>& args, Deadline deadline, int hops, std::string_view target);
    Value run_queued(Actor* self, Actor& callee, const ReceiveMethod& method, std::vector<Value>& args,
                     Deadline deadline, int hops, std::string_view target);
    Value call_remote(ExecContext& ctx, std::string_view target, std::string_view method,
                      std::vector<Value>& args, const Object* named);
    Deadline deadline_for(const ExecContext& ctx) const;
    void set_wait(Actor& from, const Actor* to) noexcept;
    std::optional<std::string> find_cycle(const Actor& from, const Actor& to) const;
};

// The calling thread's pool worker when it belongs to `impl`, else nullptr.
Worker* current_worker(const Runtime::Impl* impl) noexcept;

// The call whose handler runs on `ctx` (nullptr on the main program).
inline Call* current_call(const ExecContext& ctx) noexcept {
    return ctx.server ? static_cast<Call*>(ctx.actor_data) : nullptr;
}

// The hop count calls made on `ctx` inherit: the running message's (0 on the
// main program).
inline int current_hops(const ExecContext& ctx) noexcept {
    const Call* call = current_call(ctx);
    return call ? call->hops : 0;
}

// Arguments for `method`: positional `args` or `named`; raises TypeError when
// one is not data, or check_arguments/bind_named_arguments's ("invalid params: ...").
void bind_arguments(const ReceiveMethod& method, std::vector<Value>& args, const Object* named);
// Raises TypeError unless every value is data.
void require_data(std::span<const Value> values);
// Rethrows a callee's error in the caller (fresh line and trace).
[[noreturn]] void reraise(const RelayError& error);

}  // namespace relay::actors
