// A server as an actor: its state, its mailbox and its "busy" flag, plus the
// directory of all actors (name -> actor, id -> actor, both lock-free to read).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "actors/call.h"
#include "actors/sync.h"
#include "lang/interp.h"

namespace relay::actors {

struct alignas(64) Actor {
    Actor(uint32_t id_, std::shared_ptr<const ServerSpec> spec_);

    const uint32_t id;
    const std::shared_ptr<const ServerSpec> spec;
    // Owned by whoever holds `busy`: only that thread reads or writes them.
    std::vector<Value> state;
    std::vector<Value> snapshot;  // kept between messages so a message allocates nothing

    // What this actor's running message waits for: (epoch << 32) | (id + 1)
    // of the actor it called, 0 = none. Written only by the thread holding
    // `busy`, read by anyone looking for call cycles (see cycles.cpp).
    std::atomic<uint64_t> wait_word{0};

    enum class Push : uint8_t { Queued, Scheduled, Closed };
    // Appends a call. Scheduled: the actor was idle and is now busy; the
    // caller must put it on the run queue. Closed: the runtime is shutting down.
    Push push(Call* call) noexcept;
    // Takes the actor for the calling thread when it is idle (the inline path).
    bool try_acquire() noexcept;
    // Next queued call, or nullptr after marking the actor idle.
    Call* pop_or_idle() noexcept;
    // Ends a turn: true when calls are queued (the actor stays busy and must
    // be rescheduled), false after marking it idle.
    bool release() noexcept;
    // Closes the mailbox and returns the calls that were queued (shutdown).
    Call* close() noexcept;

private:
    SpinLock lock_;
    Call* head_ = nullptr;
    Call* tail_ = nullptr;
    bool busy_ = false;
    bool closed_ = false;
};

class Directory {
public:
    Directory();
    ~Directory();
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;

    // Lock-free; a server created concurrently may not be seen yet.
    Actor* find(std::string_view name) const noexcept;
    Actor* by_id(uint32_t id) const noexcept;
    // Registers a new actor. Raises MessageError for a duplicate name.
    Actor* add(std::shared_ptr<const ServerSpec> spec);
    size_t size() const noexcept { return count_.load(std::memory_order_acquire); }
    // All actors in creation order (a snapshot).
    std::vector<Actor*> all() const;

private:
    struct Table;
    static constexpr size_t kChunkBits = 10, kChunk = size_t{1} << kChunkBits, kMaxChunks = 4096;
    void insert(Table& table, Actor* actor) noexcept;
    void grow_if_needed();

    mutable std::mutex mu_;  // writers only
    std::atomic<size_t> count_{0};
    std::array<std::atomic<Actor**>, kMaxChunks> chunks_{};  // id -> actor
    std::atomic<Table*> table_{nullptr};                      // name -> actor
    std::vector<std::unique_ptr<Table>> tables_;              // every table ever published (readers may hold old ones)
};

}  // namespace relay::actors
