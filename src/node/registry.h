// The peer-to-peer server registry (NODE_API.md §2 "Registry endpoints", §3):
// this node's identity, its peers, and the servers they report.
//
// `Registry` is the state only: thread-safe, no I/O, time passed in, so unit
// tests drive it directly. Discovery (discovery.h) polls peers and feeds the
// results in; RemoteRouter (remote_router.h) asks it where to send calls;
// registry_routes.cpp serves it over HTTP. install_registry() wires them into
// a Node (see docs/REGISTRY.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "node/server_description.h"

namespace relay::node {

class Node;
class RegistryService;

// What one successful poll of a peer told us.
struct PeerReport {
  std::string node_id;       // the id the peer reports for itself
  std::string node_address;  // what it advertises
  std::size_t server_count = 0;
  std::vector<ServerDescription> servers;  // only the servers local to that peer
};

// Builds a report from a peer's GET /registry/health and GET /registry/servers
// bodies. Entries the peer learned from others (is_local false) are skipped so
// entries never echo between nodes. nullopt, with `why`, when malformed.
std::optional<PeerReport> parse_peer_report(std::string_view health_body,
                                            std::string_view servers_body, std::string& why);

class Registry {
 public:
  using Clock = std::chrono::steady_clock;
  using LocalServers = std::function<std::vector<ServerDescription>()>;

  // `local_servers` is asked on every read (servers may appear at any time).
  Registry(std::string node_id, std::chrono::milliseconds discovery_interval,
           LocalServers local_servers);

  const std::string& node_id() const { return node_id_; }
  std::chrono::milliseconds discovery_interval() const { return interval_; }
  void set_node_address(std::string address);  // once the port is bound
  std::string node_address() const;

  // ---- peers ----------------------------------------------------------------
  // A poll to start: which entry, at which address, for which version of it.
  struct PollTicket {
    std::string key;
    std::string address;
    uint64_t generation = 0;
  };
  enum class AddStatus { added, updated, invalid_id, invalid_address, own_id };
  struct AddResult {
    AddStatus status = AddStatus::added;
    std::string address;              // normalised
    std::optional<PollTicket> poll;   // poll this at once (unless one is running)
  };
  // POST /registry/peers/add. Re-adding an id updates its address.
  AddResult add_peer(std::string_view node_id, std::string_view address);
  // -add-peer URL: listed under its host:port until it answers with its id.
  AddResult add_peer_url(std::string_view url);
  // DELETE /registry/peers/remove: false when unknown. Its servers go with it.
  bool remove_peer(std::string_view key);
  std::size_t peer_count() const;

  // ---- discovery --------------------------------------------------------------
  // Tickets for every peer not being polled right now; also drops the servers
  // of peers that have failed for 3 intervals.
  std::vector<PollTicket> start_poll_round(Clock::time_point now);
  // Marks `ticket` as being polled; false when it is stale or already running.
  bool claim_poll(const PollTicket& ticket);
  void poll_succeeded(const PollTicket& ticket, PeerReport report);
  void poll_failed(const PollTicket& ticket, std::string_view why, Clock::time_point now);

  // ---- routing ------------------------------------------------------------------
  struct Route {
    std::string peer;     // registry key of the peer
    std::string address;
    std::string node_id;  // the id the peer reports for itself
    uint64_t generation = 0;
  };
  enum class Lookup { found, unknown, unhealthy };
  // A peer by the id it was added under or the id it reports.
  Lookup find_node(std::string_view id, Route& route) const;
  // Healthy peers that list `server`, in key order.
  std::vector<Route> routes_to_server(std::string_view server) const;
  bool any_route_to_server(std::string_view server) const;
  // A routed call could not reach the peer: unhealthy until its next good poll.
  void call_failed(const Route& route, Clock::time_point now);

  // ---- views (NODE_API.md §2 shapes), as JSON text -----------------------------------
  // Written directly, without a DOM; the lock is held only to copy what they
  // need (docs/REGISTRY.md "Rendering the views").
  std::string servers_json() const;   // GET /registry/servers
  std::string peers_json() const;     // GET /registry/peers
  std::string registry_json() const;  // GET /registry
  std::string health_json() const;    // GET /registry/health

 private:
  // A peer's entry. `servers` are the servers local to that peer, as last reported.
  struct Peer {
    std::string key;
    std::string address;
    bool awaiting_id = false;                 // -add-peer URL that has not answered yet
    std::optional<std::string> reported_id;   // set after the first good poll
    std::optional<int64_t> last_seen_ms;      // wall clock of the last good poll
    bool healthy = false;
    std::size_t server_count = 0;
    // Null when none. A poll replaces the list and never changes it in place,
    // so a view can share it and render it after the lock is released.
    std::shared_ptr<const std::vector<ServerDescription>> servers;
    std::string servers_address;              // node_address the peer reported
    std::optional<Clock::time_point> first_failure;
    uint64_t generation = 0;  // changes on (re-)add: late results of older polls are ignored
    bool polling = false;

    Route route() const { return Route{key, address, reported_id.value_or(key), generation}; }
    bool lists(std::string_view server) const;
  };
  struct ViewCopy;  // what the views need of the state (registry.cpp)

  void mark_failed(Peer& peer, std::string_view why, Clock::time_point now);
  void expire_servers(Peer& peer, Clock::time_point now);
  bool is_known_node(const std::string& reported, const std::string& except_key) const;
  void adopt_reported_id(const std::string& url_key, const std::string& reported);
  // Takes the lock; copies the peer rows and/or the remote server lists.
  ViewCopy copy_for_view(bool with_peers, bool with_servers) const;

  const std::string node_id_;
  const std::chrono::milliseconds interval_;
  const LocalServers local_servers_;
  mutable std::shared_mutex mutex_;
  std::string node_address_;
  std::map<std::string, Peer> peers_;  // by key: added id, or host:port for unanswered URLs
  uint64_t next_generation_ = 1;
};

// Wires the registry into `node` (called by Node::start unless
// -disable-registry): routes, discovery, the peer client and routing. The node
// keeps the service and stops it before its io_context goes.
std::shared_ptr<RegistryService> install_registry(Node& node);

}  // namespace relay::node
