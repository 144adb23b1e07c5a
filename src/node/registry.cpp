#include "node/registry.h"

#include <algorithm>
#include <charconv>
#include <mutex>
#include <unordered_map>

#include <boost/json/parse.hpp>

#include "lang/datetime.h"
#include "lang/json.h"
#include "node/log.h"
#include "node/options.h"
#include "node/peer_address.h"

namespace relay::node {
namespace json = boost::json;
using namespace std::string_view_literals;

namespace {

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
  // A peer that turns out to be this node must not list our servers as remote.
  if (report.node_id == node_id_) report.servers.clear();
  auto servers = std::make_shared<const std::vector<ServerDescription>>(std::move(report.servers));
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
  peer.servers = std::move(servers);
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
  if (peer.healthy || !peer.first_failure || !peer.servers || peer.servers->empty()) return;
  if (now - *peer.first_failure < 3 * interval_) return;
  log_info("peer servers dropped", "peer", peer.key, "servers", peer.servers->size());
  peer.servers.reset();
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

bool Registry::Peer::lists(std::string_view server) const {
  return servers && std::any_of(servers->begin(), servers->end(),
                                [&](const auto& s) { return s.name == server; });
}

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
    if (peer.healthy && peer.lists(server)) routes.push_back(peer.route());
  }
  return routes;
}

bool Registry::any_route_to_server(std::string_view server) const {
  std::shared_lock lock(mutex_);
  return std::any_of(peers_.begin(), peers_.end(), [&](const auto& entry) {
    return entry.second.healthy && entry.second.lists(server);
  });
}

// ---- views --------------------------------------------------------------------------------
//
// The documents are written straight into one string (no DOM: building and
// freeing one cost about 40 % of a GET /registry, PERFORMANCE.md (f)). The
// lock is held only while ViewCopy is filled; rendering runs without it.
// Members, their order and the number and time formats are those of the
// former boost::json::object rendering, including its rule for repeated keys
// (the first position keeps the last value).

// What the views need of the state, copied under the lock. Server lists are
// shared, not copied (a poll replaces a peer's list, never edits it).
struct Registry::ViewCopy {
  struct PeerRow {
    std::string key;
    std::string address;
    std::optional<int64_t> last_seen_ms;
    bool healthy = false;
    std::size_t server_count = 0;
    std::optional<std::string> reported_id;  // only when it differs from `key`
  };
  // The servers one peer reported, as listed under "<node_id>.<name>".
  struct RemoteServers {
    std::string node_id;
    std::string node_address;
    int64_t last_seen_ms = 0;
    std::shared_ptr<const std::vector<ServerDescription>> servers;
  };
  // One entry of the servers map: keyed by name when local, else "<node_id>.<name>".
  struct ServerEntry {
    const ServerDescription* server = nullptr;
    std::string_view node_id;
    std::string_view node_address;
    int64_t last_seen_ms = 0;
    bool is_local = false;
  };

  std::string node_address;
  std::size_t peer_count = 0;
  std::vector<PeerRow> peers;
  std::vector<RemoteServers> remote;

  std::size_t estimated_size(std::size_t local_servers) const;
  void write_servers(std::string& out, const std::vector<ServerDescription>& local,
                     std::string_view node_id, int64_t now) const;
  void write_peers(std::string& out) const;

 private:
  template <class Visit>
  void for_each_server(const std::vector<ServerDescription>& local, std::string_view node_id,
                       int64_t now, Visit&& visit) const;
  bool server_keys_are_distinct(const std::vector<ServerDescription>& local) const;
};

namespace {

// Numbers as the DOM writer printed them (to_chars, like write_json's integers).
void append_count(std::size_t count, std::string& out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, count).ptr;
  out.append(digits, end);
}

void append_key(std::string_view key, std::string& out) {
  append_json_string(key, out);
  out += ':';
}

// Consecutive entries mostly share a time (a peer's servers all carry its last
// poll, local servers "now"), so each distinct run is formatted once.
class TimeText {
 public:
  std::string_view operator()(int64_t ms) {
    if (text_.empty() || ms != ms_) {
      text_.clear();
      append_json_datetime(ms, text_);
      ms_ = ms;
    }
    return text_;
  }

 private:
  int64_t ms_ = 0;
  std::string text_;
};

bool names_are_distinct(std::vector<std::string_view>& names) {
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

using StateFields = std::vector<std::pair<std::string, std::string>>;

bool fields_are_distinct(const StateFields& state) {
  if (state.size() <= 16) {  // the usual few fields: no allocation
    for (std::size_t i = 1; i < state.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (state[i].first == state[j].first) return false;
      }
    }
    return true;
  }
  std::vector<std::string_view> fields;
  fields.reserve(state.size());
  for (const auto& [field, type] : state) fields.push_back(field);
  return names_are_distinct(fields);
}

// {"field":"type",...}. A repeated field (a DOM object keeps one member per
// key) appears once, at its first position, with its last type.
void append_state(const StateFields& state, std::string& out) {
  const bool distinct = fields_are_distinct(state);
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < state.size(); ++i) {
    const std::string* type = &state[i].second;
    if (!distinct) {
      const auto same_field = [&](const auto& other) { return other.first == state[i].first; };
      if (std::any_of(state.begin(), state.begin() + static_cast<std::ptrdiff_t>(i), same_field)) continue;
      for (std::size_t j = i + 1; j < state.size(); ++j) {
        if (same_field(state[j])) type = &state[j].second;
      }
    }
    if (!first) out += ',';
    first = false;
    append_key(state[i].first, out);
    append_json_string(*type, out);
  }
  out += '}';
}

}  // namespace

std::size_t Registry::ViewCopy::estimated_size(std::size_t local_servers) const {
  // About 190 bytes per server entry and 120 per peer entry with short names.
  std::size_t servers = local_servers;
  for (const auto& group : remote) servers += group.servers->size();
  return 256 + 224 * servers + 160 * peers.size();
}

// Local servers first (keyed by name, last_seen now), then each peer's in key order.
template <class Visit>
void Registry::ViewCopy::for_each_server(const std::vector<ServerDescription>& local,
                                         std::string_view node_id, int64_t now, Visit&& visit) const {
  for (const auto& server : local) visit(ServerEntry{&server, node_id, node_address, now, true});
  for (const auto& group : remote) {
    for (const auto& server : *group.servers) {
      visit(ServerEntry{&server, group.node_id, group.node_address, group.last_seen_ms, false});
    }
  }
}

// Remote keys are "<node id>.<name>". When no server name contains a '.', such
// a key names exactly one (id, name) pair and equals no local name; then all
// keys are distinct when the local names are, the peers' ids are, and each
// peer's names are (kept sorted by parse_peer_report).
bool Registry::ViewCopy::server_keys_are_distinct(const std::vector<ServerDescription>& local) const {
  const auto has_dot = [](const ServerDescription& s) { return s.name.find('.') != std::string::npos; };
  std::vector<std::string_view> names;
  names.reserve(local.size());
  for (const auto& server : local) {
    if (has_dot(server)) return false;
    names.push_back(server.name);
  }
  if (!names_are_distinct(names)) return false;
  std::vector<std::string_view> ids;
  ids.reserve(remote.size());
  for (const auto& group : remote) {
    const auto& servers = *group.servers;
    if (std::any_of(servers.begin(), servers.end(), has_dot)) return false;
    const auto not_ascending = [](const auto& a, const auto& b) { return !(a.name < b.name); };
    if (std::adjacent_find(servers.begin(), servers.end(), not_ascending) != servers.end()) return false;
    ids.push_back(group.node_id);
  }
  return names_are_distinct(ids);
}

void Registry::ViewCopy::write_servers(std::string& out, const std::vector<ServerDescription>& local,
                                       std::string_view node_id, int64_t now) const {
  TimeText time_text;
  std::string key;  // "<node id>.<name>", reused
  const auto write = [&](const ServerEntry& entry) {
    const ServerDescription& server = *entry.server;
    if (entry.is_local) {
      append_json_string(server.name, out);
    } else {
      key.assign(entry.node_id).append(1, '.').append(server.name);
      append_json_string(key, out);
    }
    out += ":{\"name\":"sv;
    append_json_string(server.name, out);
    out += ",\"node_id\":"sv;
    append_json_string(entry.node_id, out);
    out += ",\"node_address\":"sv;
    append_json_string(entry.node_address, out);
    out += ",\"methods\":["sv;
    for (std::size_t i = 0; i < server.methods.size(); ++i) {
      if (i) out += ',';
      append_json_string(server.methods[i], out);
    }
    out += "],\"state\":"sv;
    append_state(server.state, out);
    out += ",\"last_seen\":"sv;
    out += time_text(entry.last_seen_ms);
    out += entry.is_local ? ",\"is_local\":true}"sv : ",\"is_local\":false}"sv;
  };

  out += '{';
  bool first = true;
  const auto write_next = [&](const ServerEntry& entry) {
    if (!first) out += ',';
    first = false;
    write(entry);
  };
  if (server_keys_are_distinct(local)) {
    for_each_server(local, node_id, now, write_next);
  } else {
    // Rare (a peer added twice under different ids, names with dots): keep
    // each key once, at its first position, with its last entry.
    std::vector<ServerEntry> entries;
    std::unordered_map<std::string, std::size_t> position;
    for_each_server(local, node_id, now, [&](const ServerEntry& entry) {
      std::string entry_key = entry.is_local ? entry.server->name
                                             : std::string(entry.node_id) + "." + entry.server->name;
      const auto [found, added] = position.try_emplace(std::move(entry_key), entries.size());
      if (added) entries.push_back(entry);
      else entries[found->second] = entry;
    });
    for (const auto& entry : entries) write_next(entry);
  }
  out += '}';
}

void Registry::ViewCopy::write_peers(std::string& out) const {
  TimeText time_text;
  out += '{';
  bool first = true;
  for (const auto& peer : peers) {
    if (!first) out += ',';
    first = false;
    append_key(peer.key, out);
    out += "{\"node_id\":"sv;
    append_json_string(peer.key, out);
    out += ",\"address\":"sv;
    append_json_string(peer.address, out);
    out += ",\"last_seen\":"sv;
    if (peer.last_seen_ms) out += time_text(*peer.last_seen_ms);
    else out += "null"sv;
    out += peer.healthy ? ",\"is_healthy\":true"sv : ",\"is_healthy\":false"sv;
    out += ",\"server_count\":"sv;
    append_count(peer.server_count, out);
    if (peer.reported_id) {
      out += ",\"reported_node_id\":"sv;
      append_json_string(*peer.reported_id, out);
    }
    out += '}';
  }
  out += '}';
}

Registry::ViewCopy Registry::copy_for_view(bool with_peers, bool with_servers) const {
  ViewCopy view;
  std::shared_lock lock(mutex_);
  view.node_address = node_address_;
  view.peer_count = peers_.size();
  if (with_peers) {
    view.peers.reserve(peers_.size());
    for (const auto& [key, peer] : peers_) {
      auto& row = view.peers.emplace_back();
      row.key = key;
      row.address = peer.address;
      row.last_seen_ms = peer.last_seen_ms;
      row.healthy = peer.healthy;
      row.server_count = peer.server_count;
      if (peer.reported_id && *peer.reported_id != key) row.reported_id = peer.reported_id;
    }
  }
  if (with_servers) {
    view.remote.reserve(peers_.size());
    for (const auto& [key, peer] : peers_) {
      if (!peer.reported_id || !peer.last_seen_ms || !peer.servers || peer.servers->empty()) continue;
      view.remote.push_back(
          ViewCopy::RemoteServers{*peer.reported_id, peer.servers_address, *peer.last_seen_ms, peer.servers});
    }
  }
  return view;
}

std::string Registry::servers_json() const {
  const auto local = local_servers_();  // outside the lock: it may take the runtime's
  const ViewCopy view = copy_for_view(false, true);
  std::string out;
  out.reserve(view.estimated_size(local.size()));
  view.write_servers(out, local, node_id_, now_ms());
  return out;
}

std::string Registry::peers_json() const {
  const ViewCopy view = copy_for_view(true, false);
  std::string out;
  out.reserve(view.estimated_size(0));
  view.write_peers(out);
  return out;
}

std::string Registry::registry_json() const {
  const auto local = local_servers_();
  const ViewCopy view = copy_for_view(true, true);
  const int64_t now = now_ms();
  std::string out;
  out.reserve(view.estimated_size(local.size()));
  out += "{\"node_id\":"sv;
  append_json_string(node_id_, out);
  out += ",\"node_address\":"sv;
  append_json_string(view.node_address, out);
  out += ",\"servers\":"sv;
  view.write_servers(out, local, node_id_, now);
  out += ",\"peers\":"sv;
  view.write_peers(out);
  out += ",\"timestamp\":"sv;
  append_json_datetime(now, out);
  out += '}';
  return out;
}

std::string Registry::health_json() const {
  const std::size_t server_count = local_servers_().size();
  const ViewCopy view = copy_for_view(false, false);
  std::string out = "{\"status\":\"healthy\",\"node_id\":";
  append_json_string(node_id_, out);
  out += ",\"node_address\":"sv;
  append_json_string(view.node_address, out);
  out += ",\"server_count\":"sv;
  append_count(server_count, out);
  out += ",\"peer_count\":"sv;
  append_count(view.peer_count, out);
  out += ",\"timestamp\":"sv;
  append_json_datetime(now_ms(), out);
  out += '}';
  return out;
}

}  // namespace relay::node
