// One message to a server (a "call") and its outcome.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <boost/json/value.hpp>

#include "actors/runtime.h"
#include "actors/sync.h"
#include "lang/error.h"
#include "lang/value.h"

namespace relay::actors {

using Clock = std::chrono::steady_clock;

struct Actor;

// How the outcome reaches the caller: a thread waiting on the call's state
// word (Relay code), or a callback (the asynchronous API).
enum class ReplyKind : uint8_t { Wait, Values, Json };

struct Outcome {
    enum class Status : uint8_t { Ok, Error, TimedOut };
    Status status = Status::Ok;
    Value result;
    boost::json::value json;  // ReplyKind::Json only: result converted on the worker
    std::optional<RelayError> error;
};

// A call is claimed exactly once, by whoever decides its outcome: the thread
// that ran the handler, or the party that timed it out (a waiting caller, the
// monitor, shutdown). Only the claimer writes `outcome`; readers wait for kDone.
struct Call {
    static constexpr uint32_t kPending = 0, kClaimed = 1, kDone = 2, kStateMask = 3;
    static constexpr uint32_t kSleeping = 4;  // a waiter is (about to be) in futex_wait

    std::atomic<uint32_t> state{kPending};
    std::atomic<uint32_t> refs{1};
    std::atomic<bool> cancel{false};  // ExecContext::cancel while the handler runs

    Call* next = nullptr;  // mailbox FIFO, guarded by the actor's lock
    // Deadline registry links, guarded by the shard's lock (see deadlines.h).
    Call* reg_prev = nullptr;
    Call* reg_next = nullptr;
    uint32_t reg_shard = 0;
    bool reg_linked = false;

    Actor* actor = nullptr;
    const ReceiveMethod* method = nullptr;
    std::vector<Value> args;
    Clock::time_point deadline;
    std::chrono::milliseconds budget{0};  // deadline - start, quoted in timeout errors
    // X-Relay-Hops of the request this message serves (0: it did not come
    // from another node). Calls made by the handler inherit it, so a remote
    // call sends hops + 1 and a loop through other nodes meets kMaxRelayHops.
    int hops = 0;
    ReplyKind reply = ReplyKind::Wait;
    bool heap = false;  // allocated with new (asynchronous and queued calls)

    Outcome outcome;
    Runtime::ValueDone value_done;
    CallDone json_done;

    bool pending() const noexcept {
        return (state.load(std::memory_order_acquire) & kStateMask) == kPending;
    }
    bool try_claim() noexcept {
        uint32_t s = state.load(std::memory_order_relaxed);
        while ((s & kStateMask) == kPending)
            if (state.compare_exchange_weak(s, kClaimed | (s & kSleeping), std::memory_order_acq_rel))
                return true;
        return false;
    }
    // Outcome written: lets the waiter go. The caller must not touch the call
    // afterwards unless it holds a reference.
    void publish() noexcept {
        if (state.exchange(kDone, std::memory_order_acq_rel) & kSleeping) futex_wake_all(state);
    }
    bool done() const noexcept { return (state.load(std::memory_order_acquire) & kStateMask) == kDone; }
    // Sleeps until kDone or `until`; returns done().
    bool wait_done_until(Clock::time_point until) noexcept;

    void retain() noexcept { refs.fetch_add(1, std::memory_order_relaxed); }
    void release() noexcept {
        if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1 && heap) delete this;
    }
};

// "call to counter.increment timed out after 30000 ms"
std::string timeout_message(std::string_view target, std::string_view method, std::chrono::milliseconds budget);

}  // namespace relay::actors
