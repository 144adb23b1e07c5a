// Small synchronisation primitives for the actor runtime: a spin lock for the
// tiny critical sections of mailboxes and the deadline registry, and a futex
// wait/wake with a timeout (std::atomic::wait has no timeout).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

namespace relay::actors {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Test-and-test-and-set lock. Critical sections guarded by it are a handful of
// pointer moves, so spinning beats parking; after a while it yields so a
// preempted holder (2 cores, more threads) can finish.
class SpinLock {
public:
    void lock() noexcept {
        for (int spins = 0; locked_.exchange(true, std::memory_order_acquire); ++spins) {
            while (locked_.load(std::memory_order_relaxed)) {
                if (++spins < 64) cpu_relax();
                else std::this_thread::yield();
            }
        }
    }
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> locked_{false};
};

// Blocks while `word` == `expected`, at most `timeout`. Spurious returns are
// possible; callers re-check their condition.
void futex_wait(std::atomic<uint32_t>& word, uint32_t expected, std::chrono::nanoseconds timeout) noexcept;
void futex_wake_all(std::atomic<uint32_t>& word) noexcept;

}  // namespace relay::actors
