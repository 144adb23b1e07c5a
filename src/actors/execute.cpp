// Running one message as a transaction, and answering its caller.
#include "lang/json.h"

#include "actors/impl.h"
#include "actors/outcome.h"

namespace relay::actors {

namespace {

thread_local ExecContext* t_handler_ctx = nullptr;

// Points `ctx` at one message for the duration of its handler and restores
// what was there before: inline calls nest on the caller's context.
class MessageScope {
public:
    MessageScope(ExecContext& ctx, Actor& actor, Call& call)
        : ctx_(ctx), server_(ctx.server), state_(ctx.state), cancel_(ctx.cancel), data_(ctx.actor_data),
          depth_(ctx.depth), outer_(t_handler_ctx) {
        ctx.server = actor.spec.get();
        ctx.state = &actor.state;
        ctx.cancel = &call.cancel;
        ctx.actor_data = &call;
        t_handler_ctx = &ctx;
    }
    ~MessageScope() {
        ctx_.server = server_;
        ctx_.state = state_;
        ctx_.cancel = cancel_;
        ctx_.actor_data = data_;
        ctx_.depth = depth_;  // an unwinding error must not leave the depth counted
        t_handler_ctx = outer_;
    }
    MessageScope(const MessageScope&) = delete;
    MessageScope& operator=(const MessageScope&) = delete;

private:
    ExecContext& ctx_;
    const ServerSpec* server_;
    std::vector<Value>* state_;
    const std::atomic<bool>* cancel_;
    void* data_;
    int depth_;
    ExecContext* outer_;
};

template <class F>
void run_callback(F&& f) noexcept {
    try {
        f();
    } catch (...) {
        // A caller's callback failing must not take a worker down; there is
        // nobody left to tell.
    }
}

}  // namespace

ExecContext* Runtime::current_context() noexcept { return t_handler_ctx; }

// Runs `call` on `ctx`; true when this thread claimed it (then `call.outcome`
// holds the result and the caller must deliver it). The state is rolled back
// unless the handler succeeded and the call was still ours to answer: a call
// that timed out meanwhile leaves no trace, whatever the handler did.
bool Runtime::Impl::execute(ExecContext& ctx, Actor& actor, Call& call) {
    if (!call.pending()) return false;  // answered while queued (timeout, shutdown)
    actor.snapshot.assign(actor.state.begin(), actor.state.end());
    Outcome outcome;
    {
        MessageScope scope(ctx, actor, call);
        outcome = run_handler(ctx, call);
    }
    // A handler that finished after its deadline (say it caught the TimeoutError
    // of a nested call) is not committed, even if the monitor has not got to it.
    if (outcome.status != Outcome::Status::TimedOut && Clock::now() >= call.deadline) {
        outcome = Outcome{};
        outcome.status = Outcome::Status::TimedOut;
    }
    const bool claimed = call.try_claim();
    if (!claimed || outcome.status != Outcome::Status::Ok) actor.state.swap(actor.snapshot);
    actor.snapshot.clear();  // drop references now; keeps the capacity
    if (claimed) call.outcome = std::move(outcome);
    return claimed;
}

Outcome Runtime::Impl::run_handler(ExecContext& ctx, Call& call) {
    Outcome out;
    try {
        Value result = interp.invoke(ctx, call.method->function, std::span<Value>(call.args));
        if (!is_data(result)) raise(ErrorKind::TypeError, "cannot send a function in a message");
        // Converted here, inside the transaction: a result that is not JSON
        // (NaN) fails the message and rolls it back.
        if (call.reply == ReplyKind::Json) out.json = value_to_json(result);
        out.result = std::move(result);
    } catch (RelayError& e) {
        out.status = Outcome::Status::Error;
        out.error.emplace(std::move(e));
    } catch (const Cancelled&) {
        out.status = Outcome::Status::TimedOut;
    } catch (const std::exception& e) {
        out.status = Outcome::Status::Error;
        out.error.emplace(ErrorKind::MessageError, std::string("internal error: ") + e.what());
    } catch (...) {
        out.status = Outcome::Status::Error;
        out.error.emplace(ErrorKind::MessageError, "internal error");
    }
    return out;
}

// Hands a claimed call's outcome to its caller.
void Runtime::Impl::deliver(Call& call) {
    switch (call.reply) {
        case ReplyKind::Wait:
            call.publish();
            return;
        case ReplyKind::Values:
            deadlines.remove(call);
            run_callback([&] {
                auto error = value_error(call);
                call.value_done(std::move(call.outcome.result), std::move(error));
            });
            break;
        case ReplyKind::Json:
            deadlines.remove(call);
            run_callback([&] { call.json_done(to_call_outcome(call)); });
            break;
    }
    call.value_done = nullptr;  // free captured state now, not when the call dies
    call.json_done = nullptr;
    call.state.store(Call::kDone, std::memory_order_release);
}

void Runtime::Impl::deliver_timeout(Call& call) {
    call.outcome.status = Outcome::Status::TimedOut;
    deliver(call);
}

// Answers calls that will never run (`calls` is a mailbox list).
void Runtime::Impl::fail_queued(Call* calls, const std::string& why) {
    while (calls) {
        Call* call = calls;
        calls = call->next;
        if (call->try_claim()) {
            call->outcome.status = Outcome::Status::Error;
            call->outcome.error.emplace(ErrorKind::MessageError, why);
            deliver(*call);
        }
        call->release();
    }
}

Call* Runtime::Impl::make_async_call(Actor& actor, const ReceiveMethod& method, std::vector<Value> args,
                                     int hops) {
    auto* call = new Call;
    call->heap = true;
    call->actor = &actor;
    call->method = &method;
    call->args = std::move(args);
    call->hops = hops;
    call->budget = timeout();
    call->deadline = Clock::now() + call->budget;
    return call;
}

// Runs an asynchronous call inline when it may (see inline_async.cpp), else
// queues it; the mailbox owns the call's reference.
void Runtime::Impl::submit_async(Call* call) {
    Actor& actor = *call->actor;
    if (may_run_inline(actor)) return run_async_inline(call);
    deadlines.add(*call);  // from now on the monitor may time it out
    switch (actor.push(call)) {
        case Actor::Push::Scheduled:
            schedule(actor);
            return;
        case Actor::Push::Queued:
            return;
        case Actor::Push::Closed:
            call->next = nullptr;
            fail_queued(call, "server '" + actor.spec->name + "' is stopped");
            return;
    }
}

}  // namespace relay::actors
