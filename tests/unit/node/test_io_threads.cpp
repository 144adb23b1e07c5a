// IoThreads: the node's I/O threads, compensated while a handler holds one.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "node/io_threads.h"
#include "node_test_support.h"

namespace relay::node::testing {
namespace {

namespace net = boost::asio;

// `threads` serving `io` on a thread of the test, until the test ends.
struct Serving {
  net::io_context io;
  net::executor_work_guard<net::io_context::executor_type> work{io.get_executor()};
  IoThreads threads{io, 1};
  std::future<void> done = std::async(std::launch::async, [this] { threads.run(); });

  ~Serving() {
    work.reset();
    io.stop();
    done.wait();
  }
};

TEST(IoThreads, HandlersRunOnHostThreadsOnly) {
  Serving s;
  std::promise<bool> on_host;
  net::post(s.io, [&] { on_host.set_value(s.threads.is_host_thread()); });
  EXPECT_TRUE(on_host.get_future().get());
  EXPECT_FALSE(s.threads.is_host_thread());
  EXPECT_EQ(s.threads.live_threads(), 1);
}

// The only I/O thread is held until another handler has run: that one can
// only run on a compensating thread, which leaves again afterwards.
TEST(IoThreads, AHeldThreadIsCompensatedThenTheSpareRetires) {
  Serving s;
  std::atomic<bool> other_ran{false};
  std::promise<bool> held_result;
  net::post(s.io, [&] {
    s.threads.stalled();
    const bool ok = eventually([&] { return other_ran.load(); });
    s.threads.resumed();
    held_result.set_value(ok);
  });
  net::post(s.io, [&] { other_ran.store(true); });
  EXPECT_TRUE(held_result.get_future().get());
  EXPECT_EQ(s.threads.spare_threads_started(), 1);
  EXPECT_TRUE(eventually([&] { return s.threads.live_threads() == 1; }));
}

TEST(IoThreads, StopWaitsForAHeldHandler) {
  auto s = std::make_unique<Serving>();
  IoThreads& threads = s->threads;  // the handler outlives `s`'s pointer, not its object
  std::atomic<bool> release{false}, finished{false};
  std::promise<void> holding;
  net::post(s->io, [&] {
    threads.stalled();
    holding.set_value();
    eventually([&] { return release.load(); });
    finished.store(true);
    threads.resumed();
  });
  holding.get_future().wait();
  s->io.stop();
  EXPECT_EQ(s->done.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  release.store(true);
  s.reset();  // joins every thread
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace relay::node::testing
