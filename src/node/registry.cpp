#include "node/registry.h"

#include <algorithm>
#include <mutex>

#include <boost/json/parse.hpp>

#include "lang/datetime.h"
#include "node/log.h"
#include "node/options.h"
#include "node/peer_address.h"

namespace relay::node {
namespace json = boost::json;

namespace {

json::string rfc3339(int64_t ms) { return json::string(format_iso(ms)); }

const json::string* string_member(const json::object& object, std::string_view name) {
  const json::value* member = object.if_contains(name);
  return member && member->is_string() ? &member->as_string() : nullptr;
}

std::vector<std::string> string_array(const json::value* value) {
  std::vector<std::string> out;
  if (!value || !value->is_array()) return out;
  for (const auto& item : value->as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, std::string>> state_fields(const json::value* value) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!value || !value->is_object()) return out;
  for (const auto& [field, type] : value->as_object()) {
    out.emplace_back(std::string(field), type.is_string() ? std::string(type.as_string()) : "any");
  }
  return out;
}

std::optional<json::object> parse_object(std::string_view body) {
  json::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

json::object server_json(const ServerDescription& server, const std::string& node_id,
                         const std::string& node_address, int64_t last_seen_ms, bool is_local) {
  json::object entry;
  entry["name"] = server.name;
  entry["node_id"] = node_id;
  entry["node_address"] = node_address;
  json::array methods;
  for (const auto& method : server.methods) methods.emplace_back(method);
  entry["methods"] = std::move(methods);
  json::object state;
  for (const auto& [field, type] : server.state) state[field] = type;
  entry["state"] = std::move(state);
  entry["last_seen"] = rfc3339(last_seen_ms);
  entry["is_local"] = is_local;
  return entry;
}

}  // namespace

std::optional<PeerReport> parse_peer_report(std::string_view health_body,
                                            std::string_view servers_body, std::string& why) {
  const auto health = parse_object(health_body);
  const auto servers = parse_object(servers_body);
  if (!health || !servers) {
    why = "registry answer is not a JSON object";
    return std::nullopt;
  }
  const json::string* id = string_member(*health, "node_id");
  if (!id || !is_valid_node_id(*id)) {
    why = "registry health has no valid node_id";
    return std::nullopt;
  }
  PeerReport report;
  report.node_id = std::string(*id);
  if (const json::string* address = string_member(*health, "node_address")) {
    report.node_address = std::string(*address);
  }
  for (const auto& [key, value] : *servers) {
    const json::object* entry = value.if_object();
    if (!entry) continue;
    const json::value* is_local = entry->if_contains("is_local");
    if (!is_local || !is_local->is_bool() || !is_local->as_bool()) continue;
    const json::string* name = string_member(*entry, "name");
    ServerDescription server;
    server.name = name ? std::string(*name) : std::string(key);
    server.methods = string_array(entry->if_contains("methods"));
    server.state = state_fields(entry->if_contains("state"));
    report.servers.push_back(std::move(server));
  }
  std::sort(report.servers.begin(), report.servers.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  const json::value* count = health->if_contains("server_count");
  const double reported_count = count && count->is_number() ? count->to_number<double>() : -1;
  report.server_count = reported_count >= 0 ? static_cast<std::size_t>(reported_count)
                                            : report.servers.size();
  return report;
}

Registry::Registry(std::string node_id, std::chrono::milliseconds discovery_interval,
                   LocalServers local_servers)
    : node_id_(std::move(node_id)), interval_(discovery_interval),
      local_servers_(std::move(local_servers)) {}

void Registry::set_node_address(std::string address) {
  std::unique_lock lock(mutex_);
  node_address_ = std::move(address);
}

std::string Registry::node_address() const {
  std::shared_lock lock(mutex_);
  return node_address_;
}

// ---- peers ---------------------------------------------------------------------------

Registry::AddResult Registry::add_peer(std::string_view node_id, std::string_view address) {
  if (!is_valid_node_id(node_id)) return {AddStatus::invalid_id, {}, {}};
  if (node_id == node_id_) return {AddStatus::own_id, {}, {}};
  auto normalised = normalize_peer_address(address);
  if (!normalised) return {AddStatus::invalid_address, {}, {}};
  AddResult result;
  result.address = *normalised;

  std::unique_lock lock(mutex_);
  auto [it, inserted] = peers_.try_emplace(std::string(node_id));
  Peer& peer = it->second;
  result.status = inserted ? AddStatus::added : AddStatus::updated;
  if (inserted || peer.address != result.address) {
    // A new address is a new peer as far as health and servers go.
    peer = Peer{};
    peer.key = std::string(node_id);
    peer.address = result.address;
    peer.generation = next_generation_++;
  }
  result.poll = PollTicket{peer.key, peer.address, peer.generation};
  return result;
}

Registry::AddResult Registry::add_peer_url(std::string_view url) {
  auto normalised = normalize_peer_address(url);
  if (!normalised) return {AddStatus::invalid_address, {}, {}};
  std::unique_lock lock(mutex_);
  auto [it, inserted] = peers_.try_emplace(*normalised);
  Peer& peer = it->second;
  if (inserted) {
    peer.key = *normalised;
    peer.address = *normalised;
    peer.awaiting_id = true;
    peer.generation = next_generation_++;
  }
  return {inserted ? AddStatus::added : AddStatus::updated, *normalised,
          PollTicket{peer.key, peer.address, peer.generation}};
}

bool Registry::remove_peer(std::string_view key) {
  std::unique_lock lock(mutex_);
  const auto found = peers_.find(std::string(key));
  if (found == peers_.end()) return false;
  peers_.erase(found);
  return true;
}

std::size_t Registry::peer_count() const {
  std::shared_lock lock(mutex_);
  return peers_.size();
}

// ---- discovery -----------------------------------------------------------------------

std::vector<Registry::PollTicket> Registry::start_poll_round(Clock::time_point now) {
  std::vector<PollTicket> tickets;
  std::unique_lock lock(mutex_);
  for (auto& [key, peer] : peers_) {
    expire_servers(peer, now);
    if (peer.polling) continue;  // a slow peer is not polled twice at once
    peer.polling = true;
    tickets.push_back(PollTicket{key, peer.address, peer.generation});
  }
  return tickets;
}

bool Registry::claim_poll(const PollTicket& ticket) {
  std::unique_lock lock(mutex_);
  const auto found = peers_.find(ticket.key);
  if (found == peers_.end() || found->second.generation != ticket.generation) return false;
  if (found->second.polling) return false;
  found->second.polling = true;
  return true;
}

void Registry::poll_succeeded(const PollTicket& ticket, PeerReport report) {
  std::unique_lock lock(mutex_);
  const auto found = peers_.find(ticket.key);
  if (found == peers_.end() || found->second.generation != ticket.generation) return;
  Peer& peer = found->second;
  peer.polling = false;
  if (!peer.healthy) log_info("peer healthy", "peer", peer.key, "node_id", report.node_id);
  peer.healthy = true;
  peer.first_failure.reset();
  peer.last_seen_ms = now_ms();
  peer.reported_id = report.node_id;
  peer.server_count = report.server_count;
  peer.servers_address = report.node_address.empty() ? peer.address : report.node_address;
  // A peer that turns out to be this node must not list our servers as remote.
  peer.servers = report.node_id == node_id_ ? std::vector<ServerDescription>{}
                                            : std::move(report.servers);
  if (peer.awaiting_id) adopt_reported_id(ticket.key, report.node_id);
}

void Registry::poll_failed(const PollTicket& ticket, std::string_view why, Clock::time_point now) {
  std::unique_lock lock(mutex_);
  const auto found = peers_.find(ticket.key);
  if (found == peers_.end() || found->second.generation != ticket.generation) return;
  found->second.polling = false;
  mark_failed(found->second, why, now);
}

void Registry::call_failed(const Route& route, Clock::time_point now) {
  std::unique_lock lock(mutex_);
  const auto found = peers_.find(route.peer);
  if (found == peers_.end() || found->second.generation != route.generation) return;
  mark_failed(found->second, "routed call could not connect", now);
}

void Registry::mark_failed(Peer& peer, std::string_view why, Clock::time_point now) {
  if (peer.healthy || !peer.first_failure) {
    log_warn("peer unreachable", "peer", peer.key, "address", peer.address, "error", why);
  }
  peer.healthy = false;
  if (!peer.first_failure) peer.first_failure = now;
  expire_servers(peer, now);
}

void Registry::expire_servers(Peer& peer, Clock::time_point now) {
  if (peer.healthy || !peer.first_failure || peer.servers.empty()) return;
  if (now - *peer.first_failure < 3 * interval_) return;
  log_info("peer servers dropped", "peer", peer.key, "servers", peer.servers.size());
  peer.servers.clear();
  peer.server_count = 0;
}

// A -add-peer URL answered: list it under the id it reports, unless that id is
// this node or a peer already listed (then the URL entry was a duplicate).
void Registry::adopt_reported_id(const std::string& url_key, const std::string& reported) {
  auto node = peers_.extract(url_key);
  if (reported == node_id_) {
    log_warn("peer address is this node; dropped", "address", url_key);
    return;
  }
  if (is_known_node(reported, url_key)) {
    log_info("peer address duplicates a known peer; dropped", "address", url_key, "node_id", reported);
    return;
  }
  node.key() = reported;
  node.mapped().key = reported;
  node.mapped().awaiting_id = false;
  peers_.insert(std::move(node));
  log_info("peer identified", "address", url_key, "node_id", reported);
}

bool Registry::is_known_node(const std::string& reported, const std::string& except_key) const {
  return std::any_of(peers_.begin(), peers_.end(), [&](const auto& entry) {
    return entry.first != except_key &&
           (entry.first == reported || entry.second.reported_id == reported);
  });
}

// ---- routing ---------------------------------------------------------------------------

Registry::Lookup Registry::find_node(std::string_view id, Route& route) const {
  std::shared_lock lock(mutex_);
  Lookup result = Lookup::unknown;
  for (const auto& [key, peer] : peers_) {
    if (key != id && peer.reported_id != id) continue;
    route = peer.route();
    if (peer.healthy) return Lookup::found;
    result = Lookup::unhealthy;
  }
  return result;
}

std::vector<Registry::Route> Registry::routes_to_server(std::string_view server) const {
  std::vector<Route> routes;
  std::shared_lock lock(mutex_);
  for (const auto& [key, peer] : peers_) {
    if (!peer.healthy) continue;
    const bool lists = std::any_of(peer.servers.begin(), peer.servers.end(),
                                   [&](const auto& s) { return s.name == server; });
    if (lists) routes.push_back(peer.route());
  }
  return routes;
}

bool Registry::any_route_to_server(std::string_view server) const {
  std::shared_lock lock(mutex_);
  return std::any_of(peers_.begin(), peers_.end(), [&](const auto& entry) {
    const Peer& peer = entry.second;
    return peer.healthy && std::any_of(peer.servers.begin(), peer.servers.end(),
                                       [&](const auto& s) { return s.name == server; });
  });
}

// ---- views --------------------------------------------------------------------------------

void Registry::servers_into(json::object& out, const std::vector<ServerDescription>& local) const {
  const int64_t now = now_ms();
  for (const auto& server : local) {
    out[server.name] = server_json(server, node_id_, node_address_, now, true);
  }
  for (const auto& [key, peer] : peers_) {
    if (!peer.reported_id || !peer.last_seen_ms) continue;
    for (const auto& server : peer.servers) {
      out[*peer.reported_id + "." + server.name] =
          server_json(server, *peer.reported_id, peer.servers_address, *peer.last_seen_ms, false);
    }
  }
}

void Registry::peers_into(json::object& out) const {
  for (const auto& [key, peer] : peers_) {
    json::object entry;
    entry["node_id"] = key;
    entry["address"] = peer.address;
    entry["last_seen"] = peer.last_seen_ms ? json::value(rfc3339(*peer.last_seen_ms)) : json::value(nullptr);
    entry["is_healthy"] = peer.healthy;
    entry["server_count"] = peer.server_count;
    if (peer.reported_id && *peer.reported_id != key) entry["reported_node_id"] = *peer.reported_id;
    out[key] = std::move(entry);
  }
}

json::object Registry::servers_json() const {
  const auto local = local_servers_();  // outside the lock: it may take the runtime's
  json::object out;
  std::shared_lock lock(mutex_);
  servers_into(out, local);
  return out;
}

json::object Registry::peers_json() const {
  json::object out;
  std::shared_lock lock(mutex_);
  peers_into(out);
  return out;
}

json::object Registry::registry_json() const {
  const auto local = local_servers_();
  json::object servers, peers, out;
  std::shared_lock lock(mutex_);
  servers_into(servers, local);
  peers_into(peers);
  out["node_id"] = node_id_;
  out["node_address"] = node_address_;
  out["servers"] = std::move(servers);
  out["peers"] = std::move(peers);
  out["timestamp"] = rfc3339(now_ms());
  return out;
}

json::object Registry::health_json() const {
  const std::size_t server_count = local_servers_().size();
  json::object out;
  std::shared_lock lock(mutex_);
  out["status"] = "healthy";
  out["node_id"] = node_id_;
  out["node_address"] = node_address_;
  out["server_count"] = server_count;
  out["peer_count"] = peers_.size();
  out["timestamp"] = rfc3339(now_ms());
  return out;
}

}  // namespace relay::node
