// The node's HTTP/1.1 server: Boost.Beast, one session per connection (as in
// Beast's http_server_async example), serving the routes of a Router.
// Beast-free header: only http_server.cpp pays Beast's compile cost.
//
// Behaviour (NODE_API.md §2): keep-alive; pipelined requests answered in
// order; CORS header on every response and 204 for OPTIONS preflights; 404 /
// 405 + Allow as JSON; body over the limit 413; header block over the limit
// 431; malformed requests 400 then close; a request must arrive completely
// within the request timeout, else the connection is closed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace relay::node {

class Router;
struct NodeOptions;

class HttpServer {
 public:
  // `router` and `io` must outlive the server; routes must not change once
  // listen() was called.
  HttpServer(boost::asio::io_context& io, const Router& router, const NodeOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0 = ephemeral) and starts accepting on `io`.
  // Returns the bound port. Throws std::runtime_error when it cannot bind.
  uint16_t listen(const std::string& host, uint16_t port);

  // Graceful stop, callable from any thread: stop accepting, close idle
  // connections now, let in-flight requests finish (their connections close
  // after the response).
  void shutdown();

  // Open connections (for shutdown: the io_context runs out of work when 0).
  std::size_t connection_count() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace relay::node
