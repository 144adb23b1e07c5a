// POST /rpc: JSON-RPC 2.0 (NODE_API.md §2) — single calls, batches,
// notifications, ids echoed, every error code with its data. The calls
// themselves go through an RpcBackend (the actor runtime plus, later, remote
// routing) asynchronously: no I/O thread ever waits for a handler.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace relay::node {

class Router;

// JSON-RPC 2.0 error codes (NODE_API.md §2).
namespace rpc_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int application_error = -32000;
inline constexpr int node_unavailable = -32001;
inline constexpr int timeout = -32002;
}  // namespace rpc_code

// Requests forwarded more often than this are refused (X-Relay-Hops, no loops).
inline constexpr int kMaxRelayHops = 8;

struct RpcError {
  int code = rpc_code::internal_error;
  std::string message;
  boost::json::value data;  // null: no "data" member
};

struct RpcOutcome {
  bool ok = false;
  boost::json::value result;
  RpcError error;

  static RpcOutcome success(boost::json::value result);
  static RpcOutcome failure(int code, std::string message, boost::json::value data = nullptr);
};

using RpcDone = std::function<void(RpcOutcome)>;

// Where calls go. Implemented by the node over actors::Runtime (and its
// RemoteCaller); tests use a fake. Every call's `done` runs exactly once, on
// any thread, possibly before the call returns.
class RpcBackend {
 public:
  virtual ~RpcBackend() = default;

  virtual bool has_local_server(std::string_view server) const = 0;
  // params: array (positional), object (named) or null (none). It lives in
  // the request's arena and is valid only until call_local returns: keep a
  // copy with json::value(params, json::storage_ptr()), never a plain copy
  // (which shares the arena). `hops` is the X-Relay-Hops count of the incoming
  // request: the handler's own remote calls (message("node.server", ...) from
  // Relay code) continue from it.
  virtual void call_local(std::string_view server, std::string_view method,
                          const boost::json::value& params, int hops, RpcDone done) = 0;

  // Remote routing (NODE_API.md §4). `target` is "node.server" for a qualified
  // call or "server" for an unqualified one that is not local. `hops` is the
  // X-Relay-Hops count of the incoming request; a forwarder sends hops + 1.
  virtual bool can_route(std::string_view target) const = 0;
  virtual void call_remote(std::string target, std::string method, boost::json::value params,
                           int hops, RpcDone done) = 0;
};

// Where a JSON-RPC method name points: resolved in ONE place (resolve_method).
struct MethodTarget {
  enum class Kind { local, remote_node, remote_server, invalid };
  Kind kind = Kind::invalid;
  std::string node;    // for remote_node
  std::string server;
  std::string method;
};

// "server.method" -> local (or remote_server when not local and routable);
// "node.server.method" (node ids may contain dots: the last two parts are
// server and method) -> local when node is `own_node_id`, else remote_node.
MethodTarget resolve_method(std::string_view name, std::string_view own_node_id,
                            const RpcBackend& backend);

class RpcEndpoint {
 public:
  RpcEndpoint(std::string node_id, std::shared_ptr<RpcBackend> backend);

  // Handles one HTTP body. `done` gets the response text, or nullopt when
  // nothing is to be returned (notifications only: HTTP 204). `hops` is the
  // request's X-Relay-Hops (0 when absent).
  using BodyDone = std::function<void(std::optional<std::string>)>;
  void handle(std::string_view body, int hops, BodyDone done) const;

  // Registers POST /rpc on `router`.
  void install(Router& router) const;

 private:
  struct Batch;
  void dispatch(const boost::json::value& request, int hops,
                std::function<void(std::optional<std::string>)> done) const;
  void call(const MethodTarget& target, const boost::json::value& params, int hops,
            RpcDone done) const;

  std::string node_id_;
  std::shared_ptr<RpcBackend> backend_;
};

// Response object text for one call; `id` is echoed exactly.
std::string rpc_response_text(const boost::json::value& id, const RpcOutcome& outcome);

}  // namespace relay::node
