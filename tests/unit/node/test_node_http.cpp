// The real Node + HTTP server in-process, with a fake backend whose calls are
// answered on another thread (as the actor runtime does). Mainly here so the
// ThreadSanitizer build exercises the I/O threads, strands and cross-thread
// answers.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <future>
#include <thread>

#include <boost/json/parse.hpp>

#include "node/node.h"

using namespace relay::node;
namespace json = boost::json;

namespace {

// One server "counter" (add, get, sleep) served by one worker thread.
class ThreadedBackend : public NodeBackend {
 public:
  ThreadedBackend() : worker_([this] { loop(); }) {}
  ~ThreadedBackend() override { shutdown(); }

  bool has_local_server(std::string_view server) const override { return server == "counter"; }
  bool can_route(std::string_view) const override { return false; }
  void call_remote(std::string, std::string, json::value, int, RpcDone done) override {
    done(RpcOutcome::failure(rpc_code::node_unavailable, "no peers"));
  }
  std::vector<std::string> server_names() const override { return {"counter"}; }

  void call_local(std::string_view, std::string_view method, const json::value& params, int,
                  RpcDone done) override {
    std::string name(method);
    json::value args(params, json::storage_ptr());  // params lives in the request's arena
    std::lock_guard lock(mutex_);
    jobs_.push_back([this, name, args, done = std::move(done)] { done(run(name, args)); });
    wake_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
  }

  std::promise<void> sleep_started;

 private:
  RpcOutcome run(const std::string& method, const json::value& params) {
    if (method == "add") return RpcOutcome::success(count_ += params.as_array()[0].to_number<double>());
    if (method == "get") return RpcOutcome::success(count_);
    if (method == "sleep") {
      sleep_started.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return RpcOutcome::success("slept");
    }
    return RpcOutcome::failure(rpc_code::method_not_found, "Method not found", json::string(method));
  }

  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  double count_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::thread worker_;
};

// A minimal blocking HTTP/1.1 client over one keep-alive connection.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  void send_raw(std::string_view text) { ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL); }

  // True when the server closed the connection (EOF) before the socket's 10 s timeout.
  bool closed_by_server() {
    char chunk[256];
    for (;;) {
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

  // Returns (status, body); status 0 when the connection failed.
  std::pair<int, std::string> request(const std::string& method, const std::string& path,
                                      const std::string& body = "") {
    const std::string text = method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body;
    if (::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size())) {
      return {0, ""};
    }
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return {0, ""};
    }
    const int status = std::stoi(buffer_.substr(9, 3));
    std::size_t length = 0;
    const std::size_t at = buffer_.find("Content-Length: ");
    if (at != std::string::npos && at < header_end) length = std::stoul(buffer_.substr(at + 16));
    while (buffer_.size() < header_end + 4 + length) {
      if (!fill()) return {0, ""};
    }
    std::string answer = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return {status, answer};
  }

 private:
  bool fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  bool connected_ = false;
  std::string buffer_;
};

struct RunningNode {
  std::shared_ptr<ThreadedBackend> backend = std::make_shared<ThreadedBackend>();
  Node node;
  std::future<int> exit_code;

  explicit RunningNode(int io_threads, std::chrono::milliseconds request_timeout = std::chrono::seconds(30))
      : node(options(io_threads, request_timeout), backend) {
    node.start();
    exit_code = std::async(std::launch::async, [this] { return node.run(); });
  }
  ~RunningNode() {
    node.request_stop();
    exit_code.wait();
  }
  static NodeOptions options(int io_threads, std::chrono::milliseconds request_timeout) {
    NodeOptions o;
    o.request_timeout = request_timeout;
    o.port = 0;
    o.node_id = "unit";
    o.disable_registry = true;
    o.log_level = LogLevel::error;
    o.io_threads = io_threads;
    return o;
  }
};

std::string add_request(int id) {
  return R"({"jsonrpc":"2.0","method":"counter.add","params":[1],"id":)" + std::to_string(id) + "}";
}

}  // namespace

class NodeHttp : public ::testing::TestWithParam<int> {};

TEST_P(NodeHttp, ConcurrentKeepAliveClientsCountExactly) {
  RunningNode running(GetParam());
  constexpr int kClients = 8, kCalls = 200;
  std::vector<std::thread> clients;
  std::atomic<int> failures{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      Client client(running.node.port());
      for (int i = 0; i < kCalls; ++i) {
        const auto [status, body] = client.request("POST", "/rpc", add_request(i));
        if (status != 200 || json::parse(body).at("id") != i) ++failures;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  Client client(running.node.port());
  const auto [status, body] = client.request("POST", "/rpc",
                                             R"({"jsonrpc":"2.0","method":"counter.get","id":0})");
  EXPECT_EQ(json::parse(body).at("result"), kClients * kCalls);
  EXPECT_EQ(client.request("GET", "/health").first, 200);
  EXPECT_EQ(client.request("GET", "/nowhere").first, 404);
}

TEST_P(NodeHttp, StopFinishesTheInFlightRequest) {
  RunningNode running(GetParam());
  Client client(running.node.port());
  Client idle(running.node.port());
  ASSERT_EQ(idle.request("GET", "/health").first, 200);
  auto answer = std::async(std::launch::async, [&] {
    return client.request("POST", "/rpc", R"({"jsonrpc":"2.0","method":"counter.sleep","id":1})");
  });
  running.backend->sleep_started.get_future().wait();
  running.node.request_stop();
  const auto [status, body] = answer.get();
  EXPECT_EQ(status, 200);
  EXPECT_EQ(json::parse(body).at("result"), "slept");
  EXPECT_EQ(running.exit_code.get(), 0);
  running.exit_code = std::async(std::launch::deferred, [] { return 0; });
  Client late(running.node.port());
  EXPECT_FALSE(late.connected());
}

TEST_P(NodeHttp, SlowClientsAreCutOffByTheRequestTimeout) {
  RunningNode running(GetParam(), std::chrono::milliseconds(200));
  Client half_header(running.node.port());
  half_header.send_raw("POST /rpc HTTP/1.1\r\nHost: x\r\n");
  Client half_body(running.node.port());
  half_body.send_raw("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{");
  Client idle(running.node.port());
  ASSERT_EQ(idle.request("GET", "/health").first, 200);
  EXPECT_TRUE(half_header.closed_by_server());
  EXPECT_TRUE(half_body.closed_by_server());
  EXPECT_TRUE(idle.closed_by_server());
  Client fresh(running.node.port());
  EXPECT_EQ(fresh.request("GET", "/health").first, 200);
}

INSTANTIATE_TEST_SUITE_P(IoThreads, NodeHttp, ::testing::Values(1, 2));
