// Call-cycle detection over the wait-for graph. Every actor whose running
// message waits on another actor (a queued call, or a call it runs inline)
// publishes that edge in `wait_word`. An actor runs one message at a time, so
// each actor has at most one outgoing edge and a cycle is found by following
// pointers. This catches the causal chain (a -> b -> a) and also cycles built
// by independent requests (a waits on b for one client while b waits on a for
// another), which a chain carried with each call cannot see.
#include "actors/impl.h"

namespace relay::actors {

namespace {
constexpr uint64_t kTargetMask = 0xffff'ffffu;
}

// Only the thread that holds `from` (its busy flag) writes its word, so a
// plain load + store suffices. seq_cst: two actors closing a cycle at the same
// time each store, then load; at least one of them sees the other's edge.
void Runtime::Impl::set_wait(Actor& from, const Actor* to) noexcept {
    const uint64_t epoch = (from.wait_word.load(std::memory_order_relaxed) >> 32) + 1;
    from.wait_word.store((epoch << 32) | (to ? to->id + 1u : 0u), std::memory_order_seq_cst);
}

// Follows the edges from `to`; a path back to `from` is a cycle if it is
// still there on a second read. The words carry an epoch that changes on every
// write, so identical words on both reads were all current at one instant in
// between: the cycle existed, it is not a mix of edges from different times.
std::optional<std::string> Runtime::Impl::find_cycle(const Actor& from, const Actor& to) const {
    std::vector<const Actor*> path{&to};
    std::vector<uint64_t> words;
    const size_t limit = directory.size() + 1;  // a cycle that does not pass through `from`: not ours
    for (const Actor* at = &to;;) {
        const uint64_t word = at->wait_word.load(std::memory_order_seq_cst);
        const auto target = static_cast<uint32_t>(word & kTargetMask);
        if (target == 0 || path.size() > limit) return std::nullopt;
        words.push_back(word);
        const Actor* next = directory.by_id(target - 1);
        if (next == &from) break;
        path.push_back(next);
        at = next;
    }
    for (size_t i = 0; i < path.size(); ++i)
        if (path[i]->wait_word.load(std::memory_order_seq_cst) != words[i]) return std::nullopt;
    std::string message = "call cycle: ";
    for (const Actor* actor : path) message += actor->spec->name + " -> ";
    return message + from.spec->name + " -> " + to.spec->name;
}

}  // namespace relay::actors
