// Asynchronous HTTP/1.1 client for node-to-node traffic (discovery polls and
// forwarded JSON-RPC calls), on the node's io_context: no thread per call.
// Connections are kept alive and pooled per peer address, so steady traffic
// to a peer reuses a few TCP connections instead of opening one per call.
// Beast-free header; the implementation is in peer_client.cpp.
//
//   PeerClient client(node.io());
//   PeerRequest request{"POST", "/rpc", body};
//   request.deadline = steady_clock::now() + 5s;
//   client.send("localhost:8081", std::move(request), [](PeerResponse r) { ... });
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace relay::node {

struct PeerRequest {
  std::string method = "GET";  // GET, POST or DELETE
  std::string target = "/";
  std::string body;  // sent as application/json when not empty
  std::vector<std::pair<std::string, std::string>> headers;
  // The whole exchange (connect, write, read) must end by then.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  // Safe to send twice: when a pooled connection turns out to have been closed
  // by the peer before it answered anything, the request is sent again on a
  // fresh connection (GET polls). Never set for JSON-RPC calls.
  bool idempotent = false;
};

struct PeerResponse {
  // Routing may retry elsewhere only when the peer cannot have seen the
  // request: `not_sent` (no connection, or it broke while the request was
  // being written). `maybe_sent`: the request was written, then the exchange
  // failed, so the peer may have run it.
  enum class Failure { none, not_sent, maybe_sent };
  Failure failure = Failure::none;
  bool timed_out = false;  // the deadline passed (failure is then not_sent or maybe_sent)
  int status = 0;          // HTTP status when failure == none
  std::string body;
  std::string error;       // what went wrong, for logs

  bool ok() const { return failure == Failure::none; }
};

using PeerDone = std::function<void(PeerResponse)>;

struct PeerClientOptions {
  std::size_t max_idle_per_peer = 32;                // more idle connections are closed
  std::chrono::milliseconds idle_timeout{20'000};   // below the server's 30 s keep-alive limit
  std::chrono::milliseconds connect_timeout{3'000};  // also bounded by the request deadline
  std::size_t response_limit = 64 * 1024 * 1024;
};

class PeerClient {
 public:
  explicit PeerClient(boost::asio::io_context& io, PeerClientOptions options = {});
  ~PeerClient();  // close()
  PeerClient(const PeerClient&) = delete;
  PeerClient& operator=(const PeerClient&) = delete;

  // Sends `request` to `address` ("host:port", normalised). `done` runs
  // exactly once on an I/O thread, unless the io_context is stopped first.
  // Callable from any thread; never blocks.
  void send(std::string address, PeerRequest request, PeerDone done);

  // Closes idle connections; later sends fail at once (not_sent).
  void close();

  // For tests: TCP connections opened so far; idle pooled connections to `address`.
  uint64_t connections_opened() const;
  std::size_t idle_connections(const std::string& address) const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace relay::node
