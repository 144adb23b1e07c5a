// Discovery and health (NODE_API.md §3): every discovery interval, and at once
// for a newly added peer, each peer is asked for GET /registry/health and GET
// /registry/servers in parallel, with a timeout of min(5 s, interval). The
// answers go into the Registry. Everything is asynchronous on the node's
// io_context, so a slow or dead peer delays nobody.
#pragma once

#include <chrono>
#include <memory>

#include "node/registry.h"

namespace boost::asio {
class io_context;
}

namespace relay::node {

class PeerClient;

class Discovery {
 public:
  Discovery(boost::asio::io_context& io, std::shared_ptr<Registry> registry,
            std::shared_ptr<PeerClient> client);
  ~Discovery();  // stop()
  Discovery(const Discovery&) = delete;
  Discovery& operator=(const Discovery&) = delete;

  // Polls every peer now, then every discovery interval.
  void start();
  // Polls one peer now (a peer was added), unless a poll of it is running.
  void poll(const Registry::PollTicket& ticket);
  // No further rounds (polls in flight finish or die with the io_context).
  void stop();

  // The per-poll timeout: min(5 s, interval).
  static std::chrono::milliseconds poll_timeout(std::chrono::milliseconds interval);

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace relay::node
