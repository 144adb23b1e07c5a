// Helpers for the registry/routing/peer-client tests: a blocking HTTP client
// (the PeerClient on its own I/O thread), a scriptable fake peer over raw
// sockets, and an in-process Node with fake servers that routes remote calls
// through the registry (as the actor runtime adapter does).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "actors/runtime.h"
#include "lang/json.h"
#include "node/node.h"
#include "node/peer_client.h"
#include "node/remote_router.h"

namespace relay::node::testing {

namespace json = boost::json;
using namespace std::chrono_literals;

// Polls `predicate` every 10 ms until it holds or `timeout` passes.
inline bool eventually(const std::function<bool()>& predicate, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// A PeerClient on its own io_context thread, with blocking calls.
class TestClient {
 public:
  explicit TestClient(PeerClientOptions options = {})
      : work_(io_.get_executor()), client_(io_, options), thread_([this] { io_.run(); }) {}
  ~TestClient() {
    client_.close();
    work_.reset();
    io_.stop();
    thread_.join();
  }

  PeerResponse fetch(const std::string& address, const std::string& method, const std::string& path,
                     const std::string& body = "", std::chrono::milliseconds timeout = 10s,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    PeerRequest request;
    request.method = method;
    request.target = path;
    request.body = body;
    request.headers = std::move(headers);
    request.deadline = std::chrono::steady_clock::now() + timeout;
    request.idempotent = method == "GET";
    std::promise<PeerResponse> answer;
    client_.send(address, std::move(request), [&answer](PeerResponse r) { answer.set_value(std::move(r)); });
    return answer.get_future().get();
  }

  json::value get_json(const std::string& address, const std::string& path) {
    const auto response = fetch(address, "GET", path);
    return response.ok() ? json::parse(response.body) : json::value(nullptr);
  }

  // One JSON-RPC call; the response object (null when the exchange failed).
  json::value rpc(const std::string& address, const std::string& method, json::value params = nullptr,
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    json::object request{{"jsonrpc", "2.0"}, {"method", method}, {"id", 7}};
    if (!params.is_null()) request["params"] = params;
    const auto response = fetch(address, "POST", "/rpc", relay::to_json_string(request), 10s, std::move(headers));
    return response.ok() && response.status == 200 ? json::parse(response.body) : json::value(nullptr);
  }

  PeerClient& client() { return client_; }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  PeerClient client_;
  std::thread thread_;
};

// A listening loopback socket; `serve(fd)` runs on a thread per connection.
class RawServer {
 public:
  explicit RawServer(std::function<void(int fd)> serve) : serve_(std::move(serve)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listen_fd_, 64);
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~RawServer() { stop(); }

  // Stops listening (new connections are refused) and closes every connection.
  void stop() {
    if (stopped_.exchange(true)) return;
    ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
    acceptor_.join();
    ::close(listen_fd_);
    {
      std::lock_guard lock(mutex_);
      for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& thread : workers_) thread.join();
  }

  uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  void accept_loop() {
    for (;;) {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard lock(mutex_);
      if (stopped_) {
        ::close(fd);
        return;
      }
      connections_.push_back(fd);
      workers_.emplace_back([this, fd] {
        serve_(fd);
        ::shutdown(fd, SHUT_RDWR);
      });
    }
  }

  std::function<void(int)> serve_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<int> connections_;
  std::vector<std::thread> workers_;
};

struct RawRequest {
  std::string method, path, body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// Reads one HTTP/1.1 request (Content-Length framing); nullopt on EOF.
inline std::optional<RawRequest> read_request(int fd, std::string& buffer) {
  char chunk[4096];
  std::size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  RawRequest request;
  const std::string head = buffer.substr(0, head_end);
  std::size_t line_end = head.find("\r\n");
  const std::string first = head.substr(0, line_end);
  request.method = first.substr(0, first.find(' '));
  request.path = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
  while (line_end != std::string::npos && line_end < head.size()) {
    const std::size_t next = head.find("\r\n", line_end + 2);
    const std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    line_end = next;
  }
  const std::size_t length = request.headers.count("content-length") ? std::stoul(request.headers["content-length"]) : 0;
  while (buffer.size() < head_end + 4 + length) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  request.body = buffer.substr(head_end + 4, length);
  buffer.erase(0, head_end + 4 + length);
  return request;
}

inline void write_response(int fd, int status, const std::string& body) {
  const std::string text = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body;
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// A fake peer node: answers /registry/health and /registry/servers as node
// `id` listing `servers`, and /rpc per `rpc_mode`; records every /rpc request.
class FakePeer {
 public:
  enum class RpcMode { answer, drop, hang };

  FakePeer(std::string id, std::vector<std::string> servers)
      : id_(std::move(id)), servers_(std::move(servers)), server_([this](int fd) { serve(fd); }) {}
  ~FakePeer() { stop(); }

  std::string address() const { return server_.address(); }
  const std::string& id() const { return id_; }
  void stop() {
    release_hung();
    server_.stop();
  }
  void set_rpc_mode(RpcMode mode) { rpc_mode_ = mode; }
  void release_hung() {
    std::lock_guard lock(mutex_);
    released_ = true;
    wake_.notify_all();
  }

  std::vector<RawRequest> rpc_requests() const {
    std::lock_guard lock(mutex_);
    return rpc_requests_;
  }

 private:
  void serve(int fd) {
    std::string buffer;
    while (auto request = read_request(fd, buffer)) {
      if (request->path == "/rpc") {
        if (!answer_rpc(fd, *request)) return;
      } else if (request->path == "/registry/health") {
        write_response(fd, 200, relay::to_json_string(json::object{
                                    {"status", "healthy"}, {"node_id", id_}, {"node_address", address()},
                                    {"server_count", servers_.size()}, {"peer_count", 0}}));
      } else if (request->path == "/registry/servers") {
        json::object servers;
        for (const auto& name : servers_) {
          servers[name] = json::object{{"name", name}, {"node_id", id_}, {"methods", json::array{"m"}}, {"is_local", true}};
        }
        write_response(fd, 200, relay::to_json_string(servers));
      } else {
        write_response(fd, 404, R"({"error":"not found"})");
      }
    }
  }

  // False when the connection is to be dropped.
  bool answer_rpc(int fd, const RawRequest& request) {
    {
      std::lock_guard lock(mutex_);
      rpc_requests_.push_back(request);
    }
    if (rpc_mode_ == RpcMode::drop) return false;
    if (rpc_mode_ == RpcMode::hang) {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return released_; });
      return false;
    }
    const auto call = json::parse(request.body).as_object();
    json::object answer{{"jsonrpc", "2.0"}, {"result", json::object{{"node", id_}, {"method", call.at("method")}}},
                        {"id", call.at("id")}};
    write_response(fd, 200, relay::to_json_string(answer));
    return true;
  }

  std::string id_;
  std::vector<std::string> servers_;
  std::atomic<RpcMode> rpc_mode_{RpcMode::answer};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool released_ = false;
  std::vector<RawRequest> rpc_requests_;
  RawServer server_;  // last: its threads use the members above
};

// Fake local servers: name -> method -> result function. Remote calls go
// through RoutedBackend, as in the runtime adapter.
class FakeServersBackend : public RoutedBackend {
 public:
  using Method = std::function<RpcOutcome(const json::value& params)>;
  std::map<std::string, std::map<std::string, Method>> servers;

  bool has_local_server(std::string_view server) const override { return servers.count(std::string(server)) > 0; }
  void call_local(std::string_view server, std::string_view method, const json::value& params, int hops,
                  RpcDone done) override {
    {
      std::lock_guard lock(hops_mutex_);
      local_hops_.push_back(hops);
    }
    const auto s = servers.find(std::string(server));
    if (s == servers.end()) return done(RpcOutcome::failure(-32601, "Method not found", json::string(server)));
    const auto m = s->second.find(std::string(method));
    if (m == s->second.end()) return done(RpcOutcome::failure(-32601, "Method not found", json::string(method)));
    done(m->second(params));
  }
  std::vector<std::string> server_names() const override {
    std::vector<std::string> names;
    for (const auto& [name, methods] : servers) names.push_back(name);
    return names;
  }
  std::vector<ServerDescription> describe_servers() const override {
    std::vector<ServerDescription> out;
    for (const auto& [name, methods] : servers) {
      ServerDescription d{name, {}, {{"count", "number"}}};
      for (const auto& [method, fn] : methods) d.methods.push_back(method);
      out.push_back(std::move(d));
    }
    return out;
  }
  // The hops each local call was given, in call order.
  std::vector<int> local_hops() const {
    std::lock_guard lock(hops_mutex_);
    return local_hops_;
  }

 private:
  mutable std::mutex hops_mutex_;
  std::vector<int> local_hops_;
};

// A Node on an ephemeral loopback port, running on its own thread.
class TestNode {
 public:
  TestNode(std::string id, std::shared_ptr<FakeServersBackend> backend, std::chrono::milliseconds interval = 100ms,
           std::chrono::milliseconds call_timeout = 3s, std::vector<std::string> peers = {})
      : backend_(std::move(backend)), node_(options(std::move(id), interval, call_timeout, std::move(peers)), backend_) {
    node_.start();
    exit_ = std::async(std::launch::async, [this] { return node_.run(); });
  }
  ~TestNode() {
    node_.request_stop();
    exit_.wait();
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(node_.port()); }
  Node& node() { return node_; }

 private:
  static NodeOptions options(std::string id, std::chrono::milliseconds interval, std::chrono::milliseconds call_timeout,
                             std::vector<std::string> peers) {
    NodeOptions o;
    o.port = 0;
    o.node_id = std::move(id);
    o.discovery_interval = interval;
    o.call_timeout = call_timeout;
    o.peers = std::move(peers);
    o.log_level = LogLevel::error;
    o.shutdown_grace = 500ms;
    return o;
  }
  std::shared_ptr<FakeServersBackend> backend_;
  Node node_;
  std::future<int> exit_;
};

}  // namespace relay::node::testing
