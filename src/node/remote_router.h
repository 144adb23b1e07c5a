// Remote invocation and routing (NODE_API.md §4). One implementation serves
// JSON-RPC forwarding (through the node's RpcBackend) and message()/send()
// from Relay code (the actor runtime calls it as its actors::RemoteCaller):
//
// - "node.server": forwarded to that peer's /rpc (the peer is found by the id
//   it was added under or the id it reports); unknown or unhealthy -> -32001.
// - "server" (not local): round-robin over the healthy peers that list it. A
//   peer that could not be reached before the request was written is skipped
//   (and marked unhealthy); a call that may have run is never sent again.
// - X-Relay-Hops = incoming + 1; past kMaxRelayHops the call is refused.
// - The call timeout bounds the whole remote call (-32002, data: timeout ms).
// - The peer's result or error comes back unchanged.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/runtime.h"
#include "node/node.h"
#include "node/peer_client.h"
#include "node/registry.h"
#include "node/rpc.h"

namespace relay::node {

class RemoteRouter final : public actors::RemoteCaller,
                           public std::enable_shared_from_this<RemoteRouter> {
 public:
  RemoteRouter(std::shared_ptr<Registry> registry, std::shared_ptr<PeerClient> client,
               std::chrono::milliseconds call_timeout);

  // Qualified targets are always routable here (call_remote answers -32001
  // for unknown nodes); unqualified ones when a healthy peer lists them.
  bool can_route(std::string_view target) const override;
  void call_remote(std::string target, std::string method, boost::json::value params, int hops,
                   actors::CallDone done) override;

  // The io_context stopped: every call still waiting for a peer is answered
  // (-32001) so that no caller waits for its timeout; later calls fail at once.
  void abandon_pending();

  std::size_t pending_calls() const;

 private:
  struct Call;
  void attempt(const std::shared_ptr<Call>& call);
  void on_answer(const std::shared_ptr<Call>& call, const Registry::Route& route,
                 PeerResponse response);
  void finish(const std::shared_ptr<Call>& call, actors::CallOutcome outcome);
  std::vector<Registry::Route> candidates(std::string_view server);

  std::shared_ptr<Registry> registry_;
  std::shared_ptr<PeerClient> client_;
  const std::chrono::milliseconds call_timeout_;
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;
  std::unordered_map<uint64_t, std::shared_ptr<Call>> pending_;
  std::unordered_map<std::string, uint64_t> turns_;  // round-robin position per server name
  uint64_t next_call_id_ = 1;
};

// A NodeBackend whose remote calls go through the RemoteCaller the registry
// plugs in (none: qualified calls answer -32001, unknown servers stay local).
// The runtime adapter and test backends derive from it.
class RoutedBackend : public NodeBackend {
 public:
  bool can_route(std::string_view target) const override;
  void call_remote(std::string target, std::string method, boost::json::value params, int hops,
                   RpcDone done) override;
  void set_remote_caller(actors::RemoteCaller* remote) override { remote_.store(remote); }

 private:
  std::atomic<actors::RemoteCaller*> remote_{nullptr};
};

// `routes` starting at position `turn % size` (round-robin order), wrapping around.
std::vector<Registry::Route> round_robin_order(std::vector<Registry::Route> routes, uint64_t turn);

// A JSON-RPC response body from a peer -> the outcome it carries (result, or
// error code/message/data unchanged); nullopt when it is not a response object.
std::optional<actors::CallOutcome> parse_rpc_answer(std::string_view body);

// The same outcome in the JSON-RPC layer's terms.
RpcOutcome to_rpc_outcome(actors::CallOutcome outcome);

}  // namespace relay::node
