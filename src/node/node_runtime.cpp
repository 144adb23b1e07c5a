// The node over the actor runtime: local calls go to actors::Runtime, remote
// ones to the registry's RemoteCaller (RoutedBackend). Kept in its own
// translation unit so tests with fake backends never link the runtime.
#include "actors/runtime.h"
#include "node/node.h"
#include "node/remote_router.h"

namespace relay::node {
namespace json = boost::json;

namespace {

class RuntimeBackend final : public RoutedBackend {
 public:
  explicit RuntimeBackend(actors::Runtime& runtime) : runtime_(runtime) {}

  bool has_local_server(std::string_view server) const override { return runtime_.has_server(server); }

  // `hops` goes with the call: the handler's remote calls continue from it.
  void call_local(std::string_view server, std::string_view method, const json::value& params, int hops,
                  RpcDone done) override {
    runtime_.call_json(
        server, method, params,
        [done = std::move(done)](actors::CallOutcome outcome) { done(to_rpc_outcome(std::move(outcome))); },
        hops);
  }

  std::vector<std::string> server_names() const override { return runtime_.server_names(); }

  std::vector<ServerDescription> describe_servers() const override {
    std::vector<ServerDescription> out;
    for (auto& info : runtime_.servers()) {
      out.push_back(ServerDescription{std::move(info.name), std::move(info.methods), std::move(info.state)});
    }
    return out;
  }

  void configure(const NodeOptions& options) override {
    runtime_.set_call_timeout(options.call_timeout);
  }

  // Relay code's message("node.server", ...) routes through the same caller.
  void set_remote_caller(actors::RemoteCaller* remote) override {
    RoutedBackend::set_remote_caller(remote);
    runtime_.set_remote_caller(remote);
  }

  void set_inline_host(actors::InlineHost* host) override { runtime_.set_inline_host(host); }

  void shutdown() override { runtime_.shutdown(); }

 private:
  actors::Runtime& runtime_;
};

}  // namespace

Node::Node(NodeOptions options, actors::Runtime& runtime)
    : Node(std::move(options), std::make_shared<RuntimeBackend>(runtime)) {
  runtime_ = &runtime;
}

}  // namespace relay::node
