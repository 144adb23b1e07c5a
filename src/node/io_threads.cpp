#include "node/io_threads.h"

#include <stdexcept>

#include <boost/asio.hpp>

#include "lang/interp.h"
#include "node/log.h"

namespace relay::node {

namespace {
thread_local const IoThreads* t_pool = nullptr;
}  // namespace

struct IoThreads::Start {
  IoThreads* pool;
  bool spare;
};

IoThreads::IoThreads(boost::asio::io_context& io, int base) : io_(io), base_(base < 1 ? 1 : base) {}

IoThreads::~IoThreads() {
  std::vector<pthread_t> left;
  {
    std::lock_guard lock(mu_);
    finished_ = true;
    left.swap(exited_);
  }
  join(std::move(left));
}

void IoThreads::run() {
  {
    std::lock_guard lock(mu_);
    for (int i = 0; i < base_; ++i) {
      if (!spawn_locked(false)) {
        if (running_ == 0) throw std::runtime_error("cannot start the I/O threads");
        break;  // serve with fewer threads
      }
    }
  }
  std::vector<pthread_t> finished;
  std::exception_ptr error;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return running_ == 0; });
    finished_ = true;
    finished.swap(exited_);
    error = error_;
  }
  join(std::move(finished));
  if (error) std::rethrow_exception(error);
}

bool IoThreads::is_host_thread() const noexcept { return t_pool == this; }

// Keeps `base_` threads free to serve: one more for each held one.
void IoThreads::stalled() noexcept {
  std::vector<pthread_t> finished;
  {
    std::lock_guard lock(mu_);
    ++stalled_;
    finished.swap(exited_);
    const int serving = running_ - retiring_ - stalled_;
    if (!finished_ && serving < base_ && running_ < kMaxThreads && !io_.stopped()) {
      if (spawn_locked(true)) ++spares_started_;
    }
  }
  join(std::move(finished));
}

void IoThreads::resumed() noexcept {
  std::lock_guard lock(mu_);
  --stalled_;
  last_resumed_ = std::chrono::steady_clock::now();
}

int IoThreads::live_threads() const {
  std::lock_guard lock(mu_);
  return running_;
}

int IoThreads::spare_threads_started() const {
  std::lock_guard lock(mu_);
  return spares_started_;
}

// Handlers recurse deeply (Relay code): every I/O thread gets the
// interpreter's stack size.
bool IoThreads::spawn_locked(bool spare) {
  auto* start = new Start{this, spare};
  pthread_t thread;
  if (!start_big_stack_thread(thread, &IoThreads::entry, start)) {
    delete start;
    return false;
  }
  ++running_;
  return true;
}

void* IoThreads::entry(void* start) {
  const Start s = *static_cast<Start*>(start);
  delete static_cast<Start*>(start);
  s.pool->thread_main(s.spare);
  return nullptr;
}

void IoThreads::thread_main(bool spare) {
  t_pool = this;
  bool retired = false;
  try {
    if (spare) {
      log_debug("spare I/O thread started (a handler holds another one)");
      retired = run_spare();
    } else {
      io_.run();
    }
  } catch (...) {
    std::lock_guard lock(mu_);
    if (!error_) error_ = std::current_exception();
    io_.stop();
  }
  // One critical section: once run() sees running_ == 0, no thread touches
  // this object any more.
  std::lock_guard lock(mu_);
  --running_;
  if (retired) --retiring_;
  exited_.push_back(pthread_self());
  cv_.notify_all();
}

// One handler at a time, so that the thread notices soon when it is no
// longer needed. True when it retired (not because the io_context stopped).
bool IoThreads::run_spare() {
  while (!io_.stopped()) {
    io_.run_one_for(kLinger);
    if (retire_if_spare()) return true;
  }
  return false;
}

// Counted as retiring at once, so two spare threads never both leave on
// the strength of one surplus.
bool IoThreads::retire_if_spare() {
  std::lock_guard lock(mu_);
  if (running_ - retiring_ - stalled_ <= base_) return false;
  if (std::chrono::steady_clock::now() - last_resumed_ < kLinger) return false;
  ++retiring_;
  return true;
}

void IoThreads::join(std::vector<pthread_t> threads) {
  for (pthread_t thread : threads) pthread_join(thread, nullptr);
}

}  // namespace relay::node
