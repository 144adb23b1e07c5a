// The worker pool and the monitor thread. See docs/ACTORS.md "Scheduling".
#include <algorithm>

#include "actors/impl.h"

namespace relay::actors {

namespace {

thread_local Worker* t_worker = nullptr;
thread_local const Runtime::Impl* t_worker_impl = nullptr;

constexpr int kMaxThreads = 4096;          // compensation stops here (timeouts still apply)
constexpr int kBatch = 32;                 // messages per turn before an actor yields its worker
constexpr auto kTick = std::chrono::milliseconds(5);
constexpr int kStallTicks = 4;             // a message running 20 ms while others wait is "stalled"
constexpr auto kIdleRetire = std::chrono::seconds(2);  // spare workers above the target exit

void* worker_entry(void* arg) {
    auto* w = static_cast<Worker*>(arg);
    w->impl.worker_main(*w);
    return nullptr;
}

}  // namespace

Worker* current_worker(const Runtime::Impl* impl) noexcept { return t_worker_impl == impl ? t_worker : nullptr; }

void Runtime::Impl::start_monitor() {
    monitor = std::thread([this] { monitor_main(); });
}

void Runtime::Impl::add_tokens_locked(int n) {
    tokens += n;
    tokens_hint.store(tokens, std::memory_order_relaxed);
}

void Runtime::Impl::schedule(Actor& actor) {
    std::lock_guard lock(mu);
    runq.push_back(&actor);
    wake_locked();
}

// Hands a free token to a parked worker (LIFO: its stack is warm), or to a
// new thread when none is parked. One per call: each schedule, token release
// or stall calls it.
void Runtime::Impl::wake_locked() {
    if (tokens <= 0 || runq.empty()) return;
    if (idle.empty()) {
        spawn_locked();
        return;
    }
    Worker* w = idle.back();
    idle.pop_back();
    w->parked = false;
    w->has_token.store(true, std::memory_order_relaxed);
    add_tokens_locked(-1);
    w->wake.release();
}

bool Runtime::Impl::spawn_locked() {
    if (threads >= kMaxThreads) return false;
    Worker& w = workers.emplace_back(*this);
    if (!start_big_stack_thread(w.thread, &worker_entry, &w)) {
        workers.pop_back();
        return false;
    }
    add_tokens_locked(-1);  // the new worker starts with a token
    ++threads;
    return true;
}

void Runtime::Impl::worker_main(Worker& w) {
    t_worker = &w;
    t_worker_impl = this;
    {
        ExecContext ctx(interp);
        while (Actor* actor = next_actor(w)) run_turn(ctx, w, *actor);
    }
    std::lock_guard lock(mu);
    w.exited = true;  // the monitor (or stop_pool) joins the thread
    threads_cv.notify_all();
}

// Returns the next actor to run, holding a token; nullptr when the thread
// must exit (shutdown, or a spare worker idle for long).
Actor* Runtime::Impl::next_actor(Worker& w) {
    std::unique_lock lock(mu);
    for (;;) {
        if (!w.has_token.load(std::memory_order_relaxed)) {  // back from a stall: overdraw
            w.has_token.store(true, std::memory_order_relaxed);
            add_tokens_locked(-1);
        }
        if (tokens >= 0 && !runq.empty()) {
            Actor* actor = runq.front();
            runq.pop_front();
                    return actor;
        }
        w.has_token.store(false, std::memory_order_relaxed);
        add_tokens_locked(+1);
        if (stopping.load() && runq.empty()) {
            --threads;
            return nullptr;
        }
        if (!park(lock, w) && retire_locked(w)) return nullptr;
    }
}

// Waits for a token. True: woken with one; false: timed out without one.
bool Runtime::Impl::park(std::unique_lock<std::mutex>& lock, Worker& w) {
    w.parked = true;
    idle.push_back(&w);
    lock.unlock();
    const bool woken = w.wake.try_acquire_for(kIdleRetire);
    lock.lock();
    if (woken) return true;
    if (!w.parked) {  // woken right after the timeout: the release already happened (under mu)
        w.wake.acquire();
        return true;
    }
    idle.erase(std::find(idle.begin(), idle.end(), &w));
    w.parked = false;
    return false;
}

bool Runtime::Impl::retire_locked(Worker&) {
    if (!stopping.load() && threads <= target_workers) return false;
    --threads;
    return true;
}

void Runtime::Impl::run_turn(ExecContext& ctx, Worker& w, Actor& actor) {
    for (int n = 0; n < kBatch; ++n) {
        Call* call = actor.pop_or_idle();
        if (!call) return;
        w.messages.fetch_add(1, std::memory_order_relaxed);
        w.running.store(true, std::memory_order_relaxed);
        if (execute(ctx, actor, *call)) deliver(*call);
        w.running.store(false, std::memory_order_relaxed);
        call->release();
        // Over budget (a worker came back from a wait) or declared stalled:
        // let the scheduler rebalance instead of keeping this actor.
        if (tokens_hint.load(std::memory_order_relaxed) < 0 || !w.has_token.load(std::memory_order_relaxed))
            break;
    }
    if (actor.release()) schedule(actor);  // more queued: back of the run queue (fairness)
}

void Runtime::Impl::begin_blocking() {
    report_blocking();  // a handler run inline on an I/O thread: the node compensates
    Worker* w = current_worker(this);
    if (!w) return;  // the main program or a foreign thread: not pool capacity
    std::lock_guard lock(mu);
    if (!w->has_token.load(std::memory_order_relaxed)) return;
    w->has_token.store(false, std::memory_order_relaxed);
    add_tokens_locked(+1);
    wake_locked();
}

void Runtime::Impl::end_blocking() {
    Worker* w = current_worker(this);
    if (!w) return;
    std::lock_guard lock(mu);
    if (w->has_token.load(std::memory_order_relaxed)) return;
    w->has_token.store(true, std::memory_order_relaxed);
    add_tokens_locked(-1);  // may overdraw; run_turn then yields at the next message
}

// ---- monitor -------------------------------------------------------------------------

void Runtime::Impl::monitor_main() {
    std::unique_lock lock(monitor_mu);
    while (!monitor_stop) {
        monitor_cv.wait_for(lock, kTick);
        lock.unlock();
        expire_deadlines();
        check_inline_runs();
        {
            std::lock_guard pool(mu);
            check_stalls_locked();
        }
        join_exited();
        lock.lock();
    }
}

void Runtime::Impl::expire_deadlines() {
    std::vector<Call*> fired;
    deadlines.expire(Clock::now(), [&](Call& call) {
        call.cancel.store(true, std::memory_order_relaxed);
        if (call.reply == ReplyKind::Wait) {  // an inline call: its thread reads the outcome
            call.outcome.status = Outcome::Status::TimedOut;
            call.publish();
        } else {  // a callback: run it outside the shard lock
            call.retain();
            fired.push_back(&call);
        }
    });
    for (Call* call : fired) {
        deliver_timeout(*call);
        call->release();
    }
}

// A worker whose message makes no progress for kStallTicks while actors wait
// and no token is free loses its token to a fresh or parked worker: a runaway
// handler cannot starve other servers. It takes a token back (overdrawing)
// when the message ends.
void Runtime::Impl::check_stalls_locked() {
    for (Worker& w : workers) {
        const uint64_t seen = w.messages.load(std::memory_order_relaxed);
        if (w.exited || !w.running.load(std::memory_order_relaxed) ||
            !w.has_token.load(std::memory_order_relaxed) || seen != w.seen) {
            w.seen = seen;
            w.still_ticks = 0;
            continue;
        }
        if (++w.still_ticks < kStallTicks || runq.empty() || tokens > 0) continue;
        w.still_ticks = 0;
        w.has_token.store(false, std::memory_order_relaxed);
        add_tokens_locked(+1);
        wake_locked();
    }
}

void Runtime::Impl::join_exited() {
    std::vector<pthread_t> done;
    {
        std::lock_guard lock(mu);
        for (auto it = workers.begin(); it != workers.end();) {
            if (!it->exited) {
                ++it;
                continue;
            }
            done.push_back(it->thread);
            it = workers.erase(it);
        }
    }
    for (pthread_t t : done) pthread_join(t, nullptr);
}

void Runtime::Impl::stop_pool() {
    {
        std::unique_lock lock(mu);
        for (Worker* w : idle) {  // parked workers wake, see `stopping` and exit
            w->parked = false;
            w->has_token.store(true, std::memory_order_relaxed);
            add_tokens_locked(-1);
            w->wake.release();
        }
        idle.clear();
        threads_cv.wait(lock, [&] {
            return threads == 0 && std::all_of(workers.begin(), workers.end(), [](const Worker& w) { return w.exited; });
        });
    }
    if (monitor.joinable()) {  // kept until now: running messages still time out
        {
            std::lock_guard lock(monitor_mu);
            monitor_stop = true;
        }
        monitor_cv.notify_all();
        monitor.join();
    }
    join_exited();
}

}  // namespace relay::actors
