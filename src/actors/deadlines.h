// Deadlines of calls that no thread waits on with a timer of its own: the
// asynchronous calls (call_json/call_values) and calls run inline on the
// caller's thread. The monitor thread expires them (see scheduler.cpp).
//
// Sharded by the registering thread so registering costs one uncontended
// spin lock; each shard is a list sorted by deadline (calls arrive with
// "now + timeout", so inserting from the tail is O(1)), and expiring stops at
// the first call still in time.
#pragma once

#include <array>
#include <functional>

#include "actors/call.h"
#include "actors/sync.h"

namespace relay::actors {

class Deadlines {
public:
    void add(Call& call) noexcept;
    // No-op when the call was already taken out by expire().
    void remove(Call& call) noexcept;
    // Claims and unlinks every call whose deadline is <= now and hands each
    // to `expired` (called with the shard locked: it must be short and must
    // not register calls).
    void expire(Clock::time_point now, const std::function<void(Call&)>& expired);
    bool empty() noexcept;

private:
    struct alignas(64) Shard {
        SpinLock lock;
        Call* head = nullptr;
        Call* tail = nullptr;
    };
    static constexpr size_t kShards = 16;
    static void unlink(Shard& shard, Call& call) noexcept;
    std::array<Shard, kShards> shards_;
};

}  // namespace relay::actors
