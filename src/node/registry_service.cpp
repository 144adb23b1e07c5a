#include "node/registry_service.h"

#include "node/discovery.h"
#include "node/node.h"
#include "node/peer_client.h"
#include "node/remote_router.h"

namespace relay::node {

RegistryService::RegistryService(boost::asio::io_context& io, const NodeOptions& options,
                                 NodeBackend& backend)
    : backend_(backend),
      registry_(std::make_shared<Registry>(options.node_id, options.discovery_interval,
                                           [&backend] { return backend.describe_servers(); })),
      client_(std::make_shared<PeerClient>(io)),
      router_(std::make_shared<RemoteRouter>(registry_, client_, options.call_timeout)),
      discovery_(std::make_unique<Discovery>(io, registry_, client_)) {
  backend_.set_remote_caller(router_.get());
}

RegistryService::~RegistryService() {
  backend_.set_remote_caller(nullptr);
  discovery_->stop();
  client_->close();
}

void RegistryService::install_routes(Router& router) {
  install_registry_routes(router, registry_, [discovery = discovery_.get()](const auto& ticket) {
    discovery->poll(ticket);
  });
}

void RegistryService::start(std::string node_address, const std::vector<std::string>& peer_urls) {
  registry_->set_node_address(std::move(node_address));
  for (const auto& url : peer_urls) registry_->add_peer_url(url);  // validated by Node::start
  discovery_->start();  // the first round polls the -add-peer peers at once
}

void RegistryService::shutdown() { discovery_->stop(); }

void RegistryService::abandon_calls() { router_->abandon_pending(); }

std::shared_ptr<RegistryService> install_registry(Node& node) {
  auto service = std::make_shared<RegistryService>(node.io(), node.options(), node.backend());
  service->install_routes(node.router());
  node.on_shutdown([weak = std::weak_ptr<RegistryService>(service)] {
    if (auto alive = weak.lock()) alive->shutdown();
  });
  return service;
}

}  // namespace relay::node
