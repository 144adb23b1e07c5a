// Asynchronous calls (call_json/call_values) run inline on the calling thread
// when it belongs to the InlineHost (the node's I/O threads) and the server is
// idle: the same transaction, deadline and delivery as a queued call, without
// the hand-off to a worker and back. See docs/ACTORS.md "The asynchronous API".
#include "actors/impl.h"

namespace relay::actors {

namespace {

thread_local InlineRun* t_inline_run = nullptr;

// Borrows one of the runtime's spare contexts for a message (created on
// first need; as many as calls ever ran inline at the same time).
class ContextLease {
public:
    explicit ContextLease(Runtime::Impl& impl) : impl_(impl), ctx_(impl.lease_context()) {}
    ~ContextLease() { impl_.return_context(std::move(ctx_)); }
    ContextLease(const ContextLease&) = delete;
    ContextLease& operator=(const ContextLease&) = delete;
    ExecContext& get() { return *ctx_; }

private:
    Runtime::Impl& impl_;
    std::unique_ptr<ExecContext> ctx_;
};

// Lists the run for the monitor while the handler runs (see check_inline_runs).
class InlineRunScope {
public:
    InlineRunScope(Runtime::Impl& impl, const Call& call) : impl_(impl) {
        run_.impl = &impl;
        run_.since = call.deadline - call.budget;  // when the call was made
        impl_.start_inline_run(run_);
    }
    ~InlineRunScope() { impl_.end_inline_run(run_); }
    InlineRunScope(const InlineRunScope&) = delete;
    InlineRunScope& operator=(const InlineRunScope&) = delete;

private:
    Runtime::Impl& impl_;
    InlineRun run_;
};

}  // namespace

// Only where the host says handlers may run (big stack, someone to take over
// when they take long), never inside a handler (its calls go through
// Impl::call), and only when the server is idle: then it is ours.
bool Runtime::Impl::may_run_inline(Actor& actor) const noexcept {
    if (!inline_calls || stopping.load(std::memory_order_relaxed)) return false;
    const InlineHost* host = inline_host.load(std::memory_order_acquire);
    if (!host || !host->is_host_thread() || Runtime::current_context()) return false;
    return actor.try_acquire();
}

// The actor is ours (may_run_inline). As a worker's turn of one message: the
// monitor may time the call out meanwhile (it then answers, holding its own
// reference to the call). The actor is released before `done` runs so that
// the next caller does not wait for our answer to be written.
void Runtime::Impl::run_async_inline(Call* call) {
    Actor& actor = *call->actor;
    deadlines.add(*call);
    bool claimed = false;
    {
        InlineRunScope run(*this, *call);
        ContextLease ctx(*this);
        claimed = execute(ctx.get(), actor, *call);
    }
    if (actor.release()) schedule(actor);  // calls queued up meanwhile: a worker takes them
    if (claimed) deliver(*call);
    call->release();
}

std::unique_ptr<ExecContext> Runtime::Impl::lease_context() {
    {
        std::lock_guard lock(contexts_lock);
        if (!spare_contexts.empty()) {
            std::unique_ptr<ExecContext> ctx = std::move(spare_contexts.back());
            spare_contexts.pop_back();
            return ctx;
        }
    }
    auto ctx = std::make_unique<ExecContext>(interp);
    std::lock_guard lock(contexts_lock);
    spare_contexts.reserve(++contexts_created);  // so that return_context never allocates
    return ctx;
}

void Runtime::Impl::return_context(std::unique_ptr<ExecContext> ctx) noexcept {
    std::lock_guard lock(contexts_lock);
    spare_contexts.push_back(std::move(ctx));
}

// ---- stall reports ----------------------------------------------------------------------

namespace {

void report_locked(InlineRun& run, InlineHost* host) {
    if (run.reported || !host) return;
    run.reported = true;
    host->stalled();
}

}  // namespace

void Runtime::Impl::start_inline_run(InlineRun& run) {
    std::lock_guard lock(inline_mu);
    run.next = inline_runs;
    if (inline_runs) inline_runs->prev = &run;
    inline_runs = &run;
    t_inline_run = &run;
}

void Runtime::Impl::end_inline_run(InlineRun& run) {
    std::lock_guard lock(inline_mu);
    (run.prev ? run.prev->next : inline_runs) = run.next;
    if (run.next) run.next->prev = run.prev;
    t_inline_run = nullptr;
    InlineHost* host = inline_host.load(std::memory_order_relaxed);
    if (run.reported && host) host->resumed();
}

// The handler running inline on this thread is about to wait (for a busy
// server or a remote node): its thread is held for an unknown time, and may
// even be needed to produce the answer (a remote call's I/O), so tell the host now.
void Runtime::Impl::report_blocking() noexcept {
    InlineRun* run = t_inline_run;
    if (!run || run->impl != this) return;
    std::lock_guard lock(inline_mu);
    report_locked(*run, inline_host.load(std::memory_order_relaxed));
}

// Monitor tick: handlers that have held their thread for kInlineStall.
void Runtime::Impl::check_inline_runs() {
    const auto now = Clock::now();
    std::lock_guard lock(inline_mu);
    InlineHost* host = inline_host.load(std::memory_order_relaxed);
    for (InlineRun* run = inline_runs; run; run = run->next)
        if (now - run->since >= kInlineStall) report_locked(*run, host);
}

// Under inline_mu: once this returns, the monitor no longer calls the old host.
void Runtime::Impl::set_inline_host(InlineHost* host) {
    std::lock_guard lock(inline_mu);
    inline_host.store(host, std::memory_order_release);
}

}  // namespace relay::actors
