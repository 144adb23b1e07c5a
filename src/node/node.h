// The HTTP node (NODE_API.md): owns the io_context, the route table, the
// HTTP server, JSON-RPC, /health and /info, and (unless -disable-registry)
// the registry. Beast-free header: include <boost/asio.hpp> in your .cpp if
// you need more than io().
//
//   relay::node::Node node(cli.node, runtime);
//   node.start();          // binds, prints the start-up lines
//   return node.run();     // serves until SIGINT/SIGTERM, then shuts down gracefully
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "node/options.h"
#include "node/rpc.h"
#include "node/router.h"
#include "node/server_description.h"

namespace boost::asio {
class io_context;
}

namespace relay::actors {
class InlineHost;
class RemoteCaller;
class Runtime;
}

namespace relay::node {

class HttpServer;
class RegistryService;

// What the node needs from the actor runtime; the Runtime adapter implements
// it (node_runtime.cpp), tests use fakes.
class NodeBackend : public RpcBackend {
 public:
  virtual std::vector<std::string> server_names() const = 0;  // sorted
  // For the registry: methods and state fields too (default: names only).
  virtual std::vector<ServerDescription> describe_servers() const;
  // Remote routing (NODE_API.md §4), plugged in by the registry (nullptr:
  // unplugged). A backend serves can_route/call_remote through it and hands
  // it to its actor runtime, so JSON-RPC and Relay code route the same way.
  virtual void set_remote_caller(actors::RemoteCaller*) {}
  // The node's I/O threads, while they run (nullptr after): calls to idle
  // local servers may then run on them (actors::InlineHost).
  virtual void set_inline_host(actors::InlineHost*) {}
  virtual void configure(const NodeOptions&) {}  // at start(): e.g. the call timeout
  virtual void shutdown() {}  // stop servers; pending calls get answered or dropped
};

class Node {
 public:
  // Serves the servers of `runtime` (which must outlive the node).
  Node(NodeOptions options, actors::Runtime& runtime);
  // Serves `backend` (tests and tools without an actor runtime).
  Node(NodeOptions options, std::shared_ptr<NodeBackend> backend);
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Validates the options, registers the routes (registry included unless
  // disabled), binds (port 0 = ephemeral) and prints the start-up lines to
  // stdout. Throws std::runtime_error on a bad option or a failed bind.
  void start();

  // Serves until SIGINT/SIGTERM or request_stop(), then stops gracefully:
  // stop accepting, finish in-flight requests (within options().shutdown_grace),
  // run the on_shutdown hooks, stop the servers. Returns the exit status (0).
  int run();

  // Begins the graceful stop from any thread (what the signals do).
  void request_stop();

  // Called once when the node begins to stop (e.g. cancel discovery timers).
  void on_shutdown(std::function<void()> hook);

  boost::asio::io_context& io();
  Router& router() { return router_; }
  const NodeOptions& options() const { return options_; }
  const std::string& node_id() const { return options_.node_id; }
  uint16_t port() const { return port_; }  // the bound port once started
  std::string advertise_address() const;
  actors::Runtime& runtime();  // throws when constructed without a runtime
  NodeBackend& backend() { return *backend_; }

 private:
  void validate_and_default_options();
  void install_routes();
  void print_banner() const;
  void begin_shutdown();
  void stop_when_drained(std::chrono::steady_clock::time_point deadline);

  NodeOptions options_;
  actors::Runtime* runtime_ = nullptr;
  std::shared_ptr<NodeBackend> backend_;
  std::unique_ptr<boost::asio::io_context> io_;
  Router router_;
  std::unique_ptr<RpcEndpoint> rpc_;
  std::unique_ptr<HttpServer> http_;
  std::shared_ptr<RegistryService> registry_;  // null with -disable-registry
  uint16_t port_ = 0;
  struct Shutdown;
  std::unique_ptr<Shutdown> shutdown_;
};

}  // namespace relay::node
