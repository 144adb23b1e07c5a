// The route table of the HTTP node. The HTTP server (http_server.cpp) owns the
// sockets; features (JSON-RPC, health/info, registry) register handlers here.
// Kept free of Beast types so that only the server's translation units pay for
// Beast's compile time.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relay::node {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string
  std::string query;   // after '?', may be empty
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // as received

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string body;  // JSON unless content_type says otherwise; empty for 204
  std::string_view content_type = "application/json";  // a literal: no copy per answer
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  static Response json(int status, std::string body);
  static Response error(int status, std::string_view message);  // {"error": message}
};

// A handler answers exactly once by calling `respond`, from any thread, possibly
// after the handler returned (asynchronous work such as an actor call).
using Responder = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Responder respond)>;

class Router {
 public:
  // Registers `handler` for `method` on the exact `path`.
  void add(std::string method, std::string path, Handler handler);

  // Finds the handler. When the path is known but not for this method, returns
  // nullptr and fills `allowed` (for 405 + Allow); unknown path: nullptr, empty.
  const Handler* find(std::string_view method, std::string_view path,
                      std::vector<std::string>& allowed) const;

  // (method, path) of every route in registration order (the start-up banner).
  std::vector<std::pair<std::string, std::string>> endpoints() const;

 private:
  struct Route {
    std::string method;
    std::string path;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace relay::node
