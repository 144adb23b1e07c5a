// The node's I/O threads: they run the io_context and, through the actor
// runtime's inline path, the JSON-RPC handlers of idle servers (no hand-off to
// a worker; see docs/NODE.md "I/O threads").
//
// A handler that runs long (or blocks on another server or a remote node)
// holds its I/O thread; the runtime reports it (actors::InlineHost) and this
// pool then starts a compensating thread, so that at least `base` threads
// keep serving the other connections (/health included). A spare thread exits
// once it is no longer needed. Asio lets any number of threads run one
// io_context; every connection has its own strand.
#pragma once

#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <vector>

#include "actors/runtime.h"

namespace boost::asio {
class io_context;
}

namespace relay::node {

class IoThreads final : public actors::InlineHost {
 public:
  // Threads beyond `base` (compensating ones) stop at this many in total;
  // past it, a stalled handler just holds its thread.
  static constexpr int kMaxThreads = 64;
  // A spare thread stays this long after the last stall ended, so a handler
  // that blocks now and then (remote calls) does not start a thread each time.
  static constexpr std::chrono::milliseconds kLinger{100};

  IoThreads(boost::asio::io_context& io, int base);
  ~IoThreads() override;
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  // Runs the io_context on `base` threads with kInterpreterStackBytes stacks
  // until it stops (or runs out of work); returns once every thread, spare
  // ones included, has finished. Rethrows the first exception a handler let
  // escape (after stopping the io_context).
  void run();

  // actors::InlineHost
  bool is_host_thread() const noexcept override;
  void stalled() noexcept override;
  void resumed() noexcept override;

  int live_threads() const;  // for tests and logs
  int spare_threads_started() const;

 private:
  struct Start;
  static void* entry(void* start);
  void thread_main(bool spare);
  bool run_spare();
  bool retire_if_spare();
  bool spawn_locked(bool spare);
  void join(std::vector<pthread_t> threads);

  boost::asio::io_context& io_;
  const int base_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;                   // mu_: threads inside the io_context
  int stalled_ = 0;                   // mu_: of those, held by a handler
  int retiring_ = 0;                  // mu_: of those, spare ones on their way out
  int spares_started_ = 0;            // mu_
  bool finished_ = false;             // mu_: run() is done; start nothing more
  std::chrono::steady_clock::time_point last_resumed_;  // mu_
  std::vector<pthread_t> exited_;     // mu_: finished threads not joined yet
  std::exception_ptr error_;          // mu_
};

}  // namespace relay::node
