#include "actors/actor.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <ctime>
#include <functional>

namespace relay::actors {

// ---- futex ------------------------------------------------------------------------

void futex_wait(std::atomic<uint32_t>& word, uint32_t expected, std::chrono::nanoseconds timeout) noexcept {
    if (timeout.count() <= 0) return;
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(timeout.count() / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(timeout.count() % 1'000'000'000);
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, &ts, nullptr, 0);
}

void futex_wake_all(std::atomic<uint32_t>& word) noexcept {
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

bool Call::wait_done_until(Clock::time_point until) noexcept {
    // A short spin first: on a quiet machine the callee often answers within a
    // few microseconds, and a futex sleep + wake costs more than that.
    for (int i = 0; i < 200; ++i) {
        if (done()) return true;
        cpu_relax();
    }
    for (;;) {
        uint32_t s = state.load(std::memory_order_acquire);
        if ((s & kStateMask) == kDone) return true;
        const auto now = Clock::now();
        if (now >= until) return false;
        if (!(s & kSleeping)) {
            if (!state.compare_exchange_weak(s, s | kSleeping, std::memory_order_acq_rel)) continue;
            s |= kSleeping;
        }
        futex_wait(state, s, until - now);
    }
}

std::string timeout_message(std::string_view target, std::string_view method, std::chrono::milliseconds budget) {
    std::string m = "call to ";
    m.append(target).append(".").append(method);
    m += " timed out after " + std::to_string(budget.count()) + " ms";
    return m;
}

// ---- actor --------------------------------------------------------------------------

Actor::Actor(uint32_t id_, std::shared_ptr<const ServerSpec> spec_) : id(id_), spec(std::move(spec_)) {
    state.reserve(spec->state.size());
    for (const StateField& field : spec->state) state.push_back(field.initial);
}

Actor::Push Actor::push(Call* call) noexcept {
    call->next = nullptr;
    std::lock_guard guard(lock_);
    if (closed_) return Push::Closed;
    if (tail_) tail_->next = call;
    else head_ = call;
    tail_ = call;
    if (busy_) return Push::Queued;
    busy_ = true;
    return Push::Scheduled;
}

bool Actor::try_acquire() noexcept {
    std::lock_guard guard(lock_);
    if (busy_ || closed_) return false;
    busy_ = true;
    return true;
}

Call* Actor::pop_or_idle() noexcept {
    std::lock_guard guard(lock_);
    Call* call = head_;
    if (!call) {
        busy_ = false;
        return nullptr;
    }
    head_ = call->next;
    if (!head_) tail_ = nullptr;
    return call;
}

bool Actor::release() noexcept {
    std::lock_guard guard(lock_);
    if (head_) return true;
    busy_ = false;
    return false;
}

Call* Actor::close() noexcept {
    std::lock_guard guard(lock_);
    closed_ = true;
    Call* calls = head_;
    head_ = tail_ = nullptr;
    return calls;
}

// ---- directory ------------------------------------------------------------------------

// Open addressing (linear probing, load <= 1/2), insert-only. Growing builds a
// new table and publishes it; old tables stay alive because readers may still
// be probing them (they total less than the newest one).
struct Directory::Table {
    explicit Table(size_t capacity) : mask(capacity - 1), slots(new std::atomic<Actor*>[capacity]) {
        for (size_t i = 0; i < capacity; ++i) slots[i].store(nullptr, std::memory_order_relaxed);
    }
    size_t mask;
    std::unique_ptr<std::atomic<Actor*>[]> slots;
};

static size_t hash_name(std::string_view name) noexcept { return std::hash<std::string_view>{}(name); }

Directory::Directory() {
    tables_.push_back(std::make_unique<Table>(16));
    table_.store(tables_.back().get(), std::memory_order_release);
}

Directory::~Directory() {
    const size_t n = count_.load();
    for (size_t id = 0; id < n; ++id) delete by_id(static_cast<uint32_t>(id));
    for (auto& chunk : chunks_) delete[] chunk.load();
}

Actor* Directory::find(std::string_view name) const noexcept {
    const Table* table = table_.load(std::memory_order_acquire);
    for (size_t i = hash_name(name) & table->mask;; i = (i + 1) & table->mask) {
        Actor* actor = table->slots[i].load(std::memory_order_acquire);
        if (!actor || actor->spec->name == name) return actor;
    }
}

Actor* Directory::by_id(uint32_t id) const noexcept {
    Actor** chunk = chunks_[id >> kChunkBits].load(std::memory_order_acquire);
    return chunk ? chunk[id & (kChunk - 1)] : nullptr;
}

void Directory::insert(Table& table, Actor* actor) noexcept {
    size_t i = hash_name(actor->spec->name) & table.mask;
    while (table.slots[i].load(std::memory_order_relaxed)) i = (i + 1) & table.mask;
    table.slots[i].store(actor, std::memory_order_release);
}

void Directory::grow_if_needed() {
    Table& current = *table_.load(std::memory_order_relaxed);
    const size_t n = count_.load(std::memory_order_relaxed);
    if ((n + 1) * 2 <= current.mask + 1) return;
    auto bigger = std::make_unique<Table>((current.mask + 1) * 2);
    for (size_t id = 0; id < n; ++id) insert(*bigger, by_id(static_cast<uint32_t>(id)));
    table_.store(bigger.get(), std::memory_order_release);
    tables_.push_back(std::move(bigger));
}

Actor* Directory::add(std::shared_ptr<const ServerSpec> spec) {
    std::lock_guard guard(mu_);
    if (find(spec->name)) raise(ErrorKind::MessageError, "server '" + spec->name + "' is already defined");
    const size_t id = count_.load(std::memory_order_relaxed);
    if (id >= kChunk * kMaxChunks) raise(ErrorKind::MessageError, "too many servers");
    grow_if_needed();
    auto& chunk = chunks_[id >> kChunkBits];
    if (!chunk.load(std::memory_order_relaxed)) chunk.store(new Actor*[kChunk](), std::memory_order_release);
    auto* actor = new Actor(static_cast<uint32_t>(id), std::move(spec));
    chunk.load(std::memory_order_relaxed)[id & (kChunk - 1)] = actor;
    count_.store(id + 1, std::memory_order_release);
    insert(*table_.load(std::memory_order_relaxed), actor);
    return actor;
}

std::vector<Actor*> Directory::all() const {
    std::lock_guard guard(mu_);
    std::vector<Actor*> out;
    const size_t n = count_.load(std::memory_order_relaxed);
    out.reserve(n);
    for (size_t id = 0; id < n; ++id) out.push_back(by_id(static_cast<uint32_t>(id)));
    return out;
}

}  // namespace relay::actors
