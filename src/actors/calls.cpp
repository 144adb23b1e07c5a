// Synchronous calls from Relay code: message()/send() (ServerHost::call).
#include <algorithm>

#include "actors/impl.h"

namespace relay::actors {

void bind_arguments(const ReceiveMethod& method, std::vector<Value>& args, const Object* named) {
    // Data first: "cannot send a function" says more than "expected number, got function".
    if (named) {
        for (const auto& entry : named->entries())
            if (!is_data(entry.value)) raise(ErrorKind::TypeError, "cannot send a function in a message");
    } else {
        require_data(args);
    }
    if (named) {
        args.clear();
        if (auto problem = bind_named_arguments(method, *named, args)) raise(ErrorKind::TypeError, *problem);
    }
    if (auto problem = check_arguments(method, args)) raise(ErrorKind::TypeError, *problem);
}

void require_data(std::span<const Value> values) {
    for (const Value& v : values)
        if (!is_data(v)) raise(ErrorKind::TypeError, "cannot send a function in a message");
}

void reraise(const RelayError& error) {
    // A fresh error: the caller's interpreter fills in its own line and trace.
    RelayError copy(error.kind, error.message);
    copy.payload = error.payload;
    throw copy;
}

namespace {

[[noreturn]] void raise_no_method(std::string_view target, std::string_view method) {
    std::string m = "server '";
    m.append(target).append("' has no method '").append(method).append("'");
    raise(ErrorKind::MessageError, std::move(m));
}

Value take_result(Call& call, std::string_view target) {
    switch (call.outcome.status) {
        case Outcome::Status::Ok:
            return std::move(call.outcome.result);
        case Outcome::Status::TimedOut:
            raise(ErrorKind::TimeoutError, timeout_message(target, call.method->name, call.budget));
        case Outcome::Status::Error:
            break;
    }
    reraise(*call.outcome.error);
}

// Clears "`self` waits on ..." when the wait ends, however it ends.
class WaitEdge {
public:
    WaitEdge(Runtime::Impl& impl, Actor* self) : impl_(impl), self_(self) {}
    ~WaitEdge() {
        if (self_) impl_.set_wait(*self_, nullptr);
    }
    WaitEdge(const WaitEdge&) = delete;
    WaitEdge& operator=(const WaitEdge&) = delete;

private:
    Runtime::Impl& impl_;
    Actor* self_;
};

struct CallRef {
    Call* call;
    ~CallRef() { call->release(); }
};

struct BlockingScope {
    Runtime::Impl& impl;
    explicit BlockingScope(Runtime::Impl& i) : impl(i) { impl.begin_blocking(); }
    ~BlockingScope() { impl.end_blocking(); }
};

}  // namespace

// A nested call never outlives its caller: its deadline is the earlier of its
// own and the calling message's, so a timed-out message also stops what it waits on.
Deadline Runtime::Impl::deadline_for(const ExecContext& ctx) const {
    const auto now = Clock::now();
    auto at = now + timeout();
    if (const Call* parent = current_call(ctx)) at = std::min(at, parent->deadline);
    const auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
    return {at, std::max(budget, std::chrono::milliseconds(0))};
}

Value Runtime::Impl::call(ExecContext& ctx, std::string_view target, std::string_view method,
                          std::vector<Value> args, const Object* named) {
    Actor* callee = target.find('.') == std::string_view::npos ? directory.find(target) : nullptr;
    if (!callee) return call_remote(ctx, target, method, args, named);
    const ReceiveMethod* m = callee->spec->find_method(method);
    if (!m) raise_no_method(target, method);
    bind_arguments(*m, args, named);
    // A server messaging itself runs the receive fn at once, as a direct call
    // (same message: same deadline, same hops).
    if (ctx.server == callee->spec.get()) return interp.invoke(ctx, m->function, std::span<Value>(args));
    const Call* parent = current_call(ctx);
    Actor* self = parent ? parent->actor : nullptr;
    const Deadline deadline = deadline_for(ctx);
    const int hops = current_hops(ctx);  // the callee serves the same request
    if (inline_calls && callee->try_acquire())
        return run_inline(ctx, self, *callee, *m, args, deadline, hops, target);
    return run_queued(self, *callee, *m, args, deadline, hops, target);
}

namespace {

// Ends an inline turn however it ends: the call leaves the deadline registry
// (it lives on this stack) and the callee is released, or rescheduled when
// calls queued up meanwhile.
class InlineTurn {
public:
    InlineTurn(Runtime::Impl& impl, Actor& callee, Call& call) : impl_(impl), callee_(callee), call_(call) {
        impl_.deadlines.add(call_);
    }
    ~InlineTurn() {
        impl_.deadlines.remove(call_);
        if (callee_.release()) impl_.schedule(callee_);
    }
    InlineTurn(const InlineTurn&) = delete;
    InlineTurn& operator=(const InlineTurn&) = delete;

private:
    Runtime::Impl& impl_;
    Actor& callee_;
    Call& call_;
};

}  // namespace

// The callee was idle and is now ours: run the message on this thread and
// context, no queue, no thread switch. Its deadline is enforced by the monitor.
Value Runtime::Impl::run_inline(ExecContext& ctx, Actor* self, Actor& callee, const ReceiveMethod& method,
                                std::vector<Value>& args, Deadline deadline, int hops, std::string_view target) {
    Call call;
    call.actor = &callee;
    call.method = &method;
    call.args = std::move(args);
    call.deadline = deadline.at;
    call.budget = deadline.budget;
    call.hops = hops;
    {
        InlineTurn turn(*this, callee, call);
        if (self) set_wait(*self, &callee);  // whoever waits on `self` now waits on `callee`
        WaitEdge edge(*this, self);
        if (!execute(ctx, callee, call)) {
            while (!call.done()) cpu_relax();  // the monitor is writing the timeout
        }
    }
    return take_result(call, target);
}

// The callee is busy: queue the call and wait for the answer or the deadline.
Value Runtime::Impl::run_queued(Actor* self, Actor& callee, const ReceiveMethod& method, std::vector<Value>& args,
                                Deadline deadline, int hops, std::string_view target) {
    if (self) {
        set_wait(*self, &callee);
        if (auto cycle = find_cycle(*self, callee)) {
            set_wait(*self, nullptr);
            raise(ErrorKind::MessageError, std::move(*cycle));
        }
    }
    WaitEdge edge(*this, self);
    auto* call = new Call;
    call->heap = true;
    call->refs.store(2, std::memory_order_relaxed);  // this waiter + the mailbox
    CallRef ref{call};
    call->actor = &callee;
    call->method = &method;
    call->args = std::move(args);
    call->deadline = deadline.at;
    call->budget = deadline.budget;
    call->hops = hops;
    switch (callee.push(call)) {
        case Actor::Push::Closed:
            call->release();  // the mailbox's reference
            raise(ErrorKind::MessageError, "server '" + callee.spec->name + "' is stopped");
        case Actor::Push::Scheduled:
            schedule(callee);
            break;
        case Actor::Push::Queued:
            break;
    }
    {
        BlockingScope blocking(*this);
        if (!call->wait_done_until(deadline.at)) {
            if (call->try_claim()) {
                call->cancel.store(true, std::memory_order_relaxed);
                call->outcome.status = Outcome::Status::TimedOut;
                call->publish();
            }
            while (!call->wait_done_until(Clock::now() + std::chrono::seconds(1))) {
            }
        }
    }
    return take_result(*call, target);
}

}  // namespace relay::actors
