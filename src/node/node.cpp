#include "node/node.h"

#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <stdexcept>

#include <boost/asio.hpp>

#include "lang/builtins.h"
#include "node/http_server.h"
#include "node/io_threads.h"
#include "node/log.h"
#include "node/peer_address.h"
#include "node/registry_service.h"
#include "node/status.h"

namespace relay::node {
namespace net = boost::asio;

struct Node::Shutdown {
  explicit Shutdown(net::io_context& io) : signals(io, SIGINT, SIGTERM), drain_timer(io) {}
  net::signal_set signals;
  net::steady_timer drain_timer;
  std::mutex hooks_mutex;
  std::vector<std::function<void()>> hooks;
  std::atomic<bool> begun{false};
};

namespace {
// Benchmark knob (see docs/NODE.md): RELAY_IO_THREADS overrides the default of 1.
NodeOptions with_io_threads(NodeOptions options) {
  if (const char* threads = std::getenv("RELAY_IO_THREADS")) options.io_threads = std::atoi(threads);
  if (options.io_threads < 1) options.io_threads = 1;
  return options;
}
}  // namespace

Node::Node(NodeOptions options, std::shared_ptr<NodeBackend> backend)
    : options_(with_io_threads(std::move(options))),
      backend_(std::move(backend)),
      // Not the single-thread hint (1), even with one I/O thread: spare
      // threads join when a handler holds one (IoThreads), and with hint 1
      // Asio does not wake a second thread for queued work.
      io_(std::make_unique<net::io_context>()),
      shutdown_(std::make_unique<Shutdown>(*io_)) {}

Node::~Node() {
  // Everything that holds I/O objects goes before io_ itself.
  shutdown_.reset();
  http_.reset();
  registry_.reset();
  io_.reset();
}

std::vector<ServerDescription> NodeBackend::describe_servers() const {
  std::vector<ServerDescription> servers;
  for (auto& name : server_names()) servers.push_back(ServerDescription{std::move(name), {}, {}});
  return servers;
}

net::io_context& Node::io() { return *io_; }

actors::Runtime& Node::runtime() {
  if (!runtime_) throw std::logic_error("this node has no actor runtime");
  return *runtime_;
}

std::string Node::advertise_address() const {
  return options_.advertise.empty() ? advertise_for(options_.host, port_) : options_.advertise;
}

void Node::on_shutdown(std::function<void()> hook) {
  std::lock_guard lock(shutdown_->hooks_mutex);
  shutdown_->hooks.push_back(std::move(hook));
}

void Node::validate_and_default_options() {
  if (options_.node_id.empty()) options_.node_id = random_node_id();
  if (!is_valid_node_id(options_.node_id)) {
    throw std::runtime_error("invalid node id '" + options_.node_id +
                             "': expected [A-Za-z0-9_.-]{1,64}");
  }
  for (const auto& peer : options_.peers) {
    if (!normalize_peer_address(peer)) {
      throw std::runtime_error("invalid peer address '" + peer +
                               "': expected host:port or http://host:port");
    }
  }
}

void Node::install_routes() {
  rpc_ = std::make_unique<RpcEndpoint>(options_.node_id, backend_);
  rpc_->install(router_);
  std::weak_ptr<NodeBackend> weak_backend = backend_;
  install_status_routes(router_, options_.node_id, [weak_backend] {
    auto backend = weak_backend.lock();
    return backend ? backend->server_names() : std::vector<std::string>{};
  });
  if (!options_.disable_registry) registry_ = install_registry(*this);
}

void Node::start() {
  set_log_level(options_.log_level);
  validate_and_default_options();
  set_node_id(options_.node_id);
  backend_->configure(options_);
  http_ = std::make_unique<HttpServer>(*io_, router_, options_);
  install_routes();
  port_ = http_->listen(options_.host, options_.port);
  if (registry_) registry_->start(advertise_address(), options_.peers);
  print_banner();
  log_info("node started", "node_id", options_.node_id, "port", port_, "io_threads",
           options_.io_threads);
}

void Node::print_banner() const {
  std::string endpoints;
  for (const auto& [method, path] : router_.endpoints()) {
    if (!endpoints.empty()) endpoints += ", ";
    endpoints += method + " " + path;
  }
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + options_.host + "]" : options_.host;
  std::printf("relay node %s\n  listening on http://%s:%u\n  advertise    %s\n  endpoints    %s\n",
              options_.node_id.c_str(), host.c_str(), static_cast<unsigned>(port_),
              advertise_address().c_str(), endpoints.c_str());
  std::fflush(stdout);
}

int Node::run() {
  if (!http_) throw std::logic_error("Node::run() before start()");
  shutdown_->signals.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log_info("signal received, stopping", "signal", signal);
    begin_shutdown();
  });
  // JSON-RPC calls to idle servers run on the I/O threads (IoThreads).
  IoThreads threads(*io_, options_.io_threads);
  backend_->set_inline_host(&threads);
  try {
    threads.run();
  } catch (...) {
    backend_->set_inline_host(nullptr);
    throw;
  }
  backend_->set_inline_host(nullptr);  // from here on the monitor no longer calls `threads`
  // No I/O thread runs any more: answer the calls still waiting for a peer (so
  // no server waits for its timeout; stop_when_drained did it already unless
  // the io_context stopped otherwise), then stop the servers (pending answers
  // are dropped).
  if (registry_) registry_->abandon_calls();
  backend_->shutdown();
  log_info("node stopped");
  return 0;
}

void Node::request_stop() {
  net::post(*io_, [this] { begin_shutdown(); });
}

void Node::begin_shutdown() {
  if (shutdown_->begun.exchange(true)) return;
  boost::system::error_code ignored;
  shutdown_->signals.cancel(ignored);
  http_->shutdown();
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard lock(shutdown_->hooks_mutex);
    hooks.swap(shutdown_->hooks);
  }
  for (auto& hook : hooks) hook();
  stop_when_drained(std::chrono::steady_clock::now() + options_.shutdown_grace);
}

// Polls until every connection has finished its in-flight request (or the
// grace period is over), then stops the io_context so run() returns even if
// other components still have timers or sockets on it.
void Node::stop_when_drained(std::chrono::steady_clock::time_point deadline) {
  if (http_->connection_count() == 0 || std::chrono::steady_clock::now() >= deadline) {
    if (http_->connection_count() != 0) {
      log_warn("in-flight requests abandoned at shutdown", "connections",
               http_->connection_count());
    }
    io_->stop();
    // Handlers still running on I/O threads may wait for a peer, and no I/O
    // will answer them now: fail those calls, so that run() is not kept
    // waiting for their timeouts.
    if (registry_) registry_->abandon_calls();
    return;
  }
  shutdown_->drain_timer.expires_after(std::chrono::milliseconds(10));
  shutdown_->drain_timer.async_wait([this, deadline](const boost::system::error_code& ec) {
    if (!ec) stop_when_drained(deadline);
  });
}

}  // namespace relay::node
