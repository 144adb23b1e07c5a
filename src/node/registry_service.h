// The registry as a running part of a Node: state, HTTP routes, discovery,
// the peer client and routing, wired together by install_registry().
// Node (node.cpp) holds it and drives its life cycle:
//   install_registry(node)   routes registered, routing plugged into the backend
//   start(address)           after the bind: node address known, discovery runs
//   shutdown()               node begins to stop: no more discovery rounds
//   abandon_calls()          io_context stopped: waiting remote calls answered
//   ~RegistryService()       routing unplugged (before the io_context goes)
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "node/registry.h"

namespace boost::asio {
class io_context;
}

namespace relay::node {

class Discovery;
class NodeBackend;
class PeerClient;
class RemoteRouter;
class Router;
struct NodeOptions;

class RegistryService {
 public:
  RegistryService(boost::asio::io_context& io, const NodeOptions& options, NodeBackend& backend);
  ~RegistryService();
  RegistryService(const RegistryService&) = delete;
  RegistryService& operator=(const RegistryService&) = delete;

  void install_routes(Router& router);
  // Node address known; adds the -add-peer URLs and starts discovery.
  void start(std::string node_address, const std::vector<std::string>& peer_urls);
  void shutdown();
  void abandon_calls();

  Registry& registry() { return *registry_; }
  RemoteRouter& router() { return *router_; }

 private:
  NodeBackend& backend_;
  std::shared_ptr<Registry> registry_;
  std::shared_ptr<PeerClient> client_;
  std::shared_ptr<RemoteRouter> router_;
  std::unique_ptr<Discovery> discovery_;
};

// The HTTP endpoints of NODE_API.md §2 over `registry`; `poll_now` starts the
// immediate poll of an added peer (it must not wait for the poll).
void install_registry_routes(Router& router, std::shared_ptr<Registry> registry,
                             std::function<void(const Registry::PollTicket&)> poll_now);

}  // namespace relay::node
