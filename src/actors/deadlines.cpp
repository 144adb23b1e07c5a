#include "actors/deadlines.h"

#include <atomic>
#include <mutex>

namespace relay::actors {

namespace {
uint32_t this_thread_shard(size_t shards) noexcept {
    static std::atomic<uint32_t> next{0};
    thread_local const uint32_t index = next.fetch_add(1, std::memory_order_relaxed);
    return static_cast<uint32_t>(index % shards);
}
}  // namespace

void Deadlines::add(Call& call) noexcept {
    call.reg_shard = this_thread_shard(kShards);
    Shard& shard = shards_[call.reg_shard];
    std::lock_guard guard(shard.lock);
    Call* after = shard.tail;  // insert after the last call that expires no later
    while (after && after->deadline > call.deadline) after = after->reg_prev;
    call.reg_prev = after;
    call.reg_next = after ? after->reg_next : shard.head;
    (call.reg_next ? call.reg_next->reg_prev : shard.tail) = &call;
    (after ? after->reg_next : shard.head) = &call;
    call.reg_linked = true;
}

void Deadlines::unlink(Shard& shard, Call& call) noexcept {
    (call.reg_prev ? call.reg_prev->reg_next : shard.head) = call.reg_next;
    (call.reg_next ? call.reg_next->reg_prev : shard.tail) = call.reg_prev;
    call.reg_prev = call.reg_next = nullptr;
    call.reg_linked = false;
}

void Deadlines::remove(Call& call) noexcept {
    Shard& shard = shards_[call.reg_shard];
    std::lock_guard guard(shard.lock);
    if (call.reg_linked) unlink(shard, call);
}

void Deadlines::expire(Clock::time_point now, const std::function<void(Call&)>& expired) {
    for (Shard& shard : shards_) {
        std::lock_guard guard(shard.lock);
        while (shard.head && shard.head->deadline <= now) {
            Call& call = *shard.head;
            unlink(shard, call);
            if (call.try_claim()) expired(call);
        }
    }
}

bool Deadlines::empty() noexcept {
    for (Shard& shard : shards_) {
        std::lock_guard guard(shard.lock);
        if (shard.head) return false;
    }
    return true;
}

}  // namespace relay::actors
