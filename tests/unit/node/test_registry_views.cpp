// The registry views (Registry::*_json, NODE_API.md §2 shapes) are written as
// text directly. These tests rebuild each document as a boost::json DOM the
// way the registry used to, and require the same bytes: member order, number
// and time formats, escaping, and the DOM's rule for repeated keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "lang/datetime.h"
#include "lang/json.h"
#include "node/registry.h"

using namespace relay::node;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

// Names that need every kind of escape, and some that need none.
const std::vector<std::string> kAwkwardNames = {
    "plain",
    "with \"quotes\"",
    "back\\slash",
    "control\x01\x02\x1f",
    "new\nline\ttab\rreturn\bback\fform",
    "ünïcødé ✓",
    "emoji 😀",
    "delete\x7f",
    "</script>",
    "",
};

ServerDescription awkward_server(std::size_t i) {
  const std::string& name = kAwkwardNames[i % kAwkwardNames.size()];
  return ServerDescription{name + "#" + std::to_string(i),
                           {"m\"" + std::to_string(i), "plain", "tab\there"},
                           {{"f\\" + std::to_string(i), "number"}, {"é", "string\n"}}};
}

// What Registry::servers_into built for one entry before the views were written directly.
json::object server_dom(const ServerDescription& server, const std::string& node_id,
                        const std::string& node_address, const json::value& last_seen, bool is_local) {
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
  entry["last_seen"] = last_seen;
  entry["is_local"] = is_local;
  return entry;
}

// A peer as the test set it up, to build the expected documents from.
struct ExpectedPeer {
  std::string key;
  std::string address;
  std::string reported_id;  // empty: never answered
  std::string servers_address;
  std::vector<ServerDescription> servers;
  bool healthy = false;
};

const std::regex kRfc3339Millis(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)");

// A time the registry wrote: RFC 3339 with milliseconds, taken between
// `earliest` and `latest`, printed exactly as format_iso prints it.
json::value checked_time(const json::value& written, int64_t earliest, int64_t latest) {
  const std::string text(written.as_string());
  EXPECT_TRUE(std::regex_match(text, kRfc3339Millis)) << text;
  const auto ms = relay::parse_iso(text);
  EXPECT_TRUE(ms && *ms >= earliest && *ms <= latest) << text;
  if (ms) {
    EXPECT_EQ(relay::format_iso(*ms), text);
  }
  return written;
}

class RegistryViews : public ::testing::Test {
 protected:
  void SetUp() override { registry.set_node_address("self-host:9000"); }

  // Adds `peer` under its key and, when it has a reported id, reports its servers.
  void add(const ExpectedPeer& peer) {
    const auto ticket = registry.add_peer(peer.key, peer.address).poll;
    ASSERT_TRUE(ticket) << peer.key;
    if (peer.reported_id.empty()) return;
    PeerReport report;
    report.node_id = peer.reported_id;
    report.node_address = peer.servers_address;
    report.servers = peer.servers;
    report.server_count = peer.servers.size();
    registry.claim_poll(*ticket);
    registry.poll_succeeded(*ticket, std::move(report));
    if (!peer.healthy) {
      registry.claim_poll(*ticket);
      registry.poll_failed(*ticket, "refused", Registry::Clock::now());
    }
  }

  // The GET /registry document the DOM rendering produced for `peers`; the
  // times come from `actual` once checked (they are "now" at rendering).
  json::object expected_registry(const std::vector<ExpectedPeer>& peers, const json::object& actual,
                                 int64_t earliest, int64_t latest) const {
    json::object servers, peer_entries;
    const json::object& actual_servers = actual.at("servers").as_object();
    const json::object& actual_peers = actual.at("peers").as_object();
    for (const auto& server : local) {
      servers[server.name] = server_dom(server, "self", "self-host:9000",
                                        checked_time(actual_servers.at(server.name).at("last_seen"),
                                                     earliest, latest),
                                        true);
    }
    std::map<std::string, const ExpectedPeer*> by_key;  // the registry lists peers in key order
    for (const auto& peer : peers) by_key[peer.key] = &peer;
    for (const auto& [key, peer] : by_key) {
      const json::value* last_seen = actual_peers.at(key).as_object().if_contains("last_seen");
      json::object entry;
      entry["node_id"] = key;
      entry["address"] = peer->address;
      entry["last_seen"] = peer->reported_id.empty() ? json::value(nullptr)
                                                     : checked_time(*last_seen, earliest, latest);
      entry["is_healthy"] = peer->healthy;
      entry["server_count"] = peer->reported_id.empty() ? 0 : peer->servers.size();
      if (!peer->reported_id.empty() && peer->reported_id != key) entry["reported_node_id"] = peer->reported_id;
      if (!peer->reported_id.empty()) {
        for (const auto& server : peer->servers) {
          servers[peer->reported_id + "." + server.name] =
              server_dom(server, peer->reported_id, peer->servers_address, *last_seen, false);
        }
      }
      peer_entries[key] = std::move(entry);
    }
    json::object out;
    out["node_id"] = "self";
    out["node_address"] = "self-host:9000";
    out["servers"] = std::move(servers);
    out["peers"] = std::move(peer_entries);
    out["timestamp"] = checked_time(actual.at("timestamp"), earliest, latest);
    return out;
  }

  std::vector<ServerDescription> local = {awkward_server(1), awkward_server(5), awkward_server(9)};
  Registry registry{"self", 200ms, [this] { return local; }};
};

}  // namespace

TEST_F(RegistryViews, ManyPeersWithAwkwardNamesRenderAsTheDomDid) {
  const int64_t earliest = relay::now_ms();
  std::vector<ExpectedPeer> peers;
  for (int p = 0; p < 60; ++p) {
    ExpectedPeer peer;
    peer.key = "peer-" + std::to_string(59 - p);  // added out of key order
    peer.address = "localhost:" + std::to_string(10000 + p);
    if (p % 7 != 6) {  // every 7th never answers
      peer.reported_id = p % 5 == 0 ? "reported." + std::to_string(p) : peer.key;
      peer.servers_address = p % 3 == 0 ? "h\"ost\\" + std::to_string(p) + ":1" : peer.address;
      for (std::size_t s = 0; s < 10; ++s) peer.servers.push_back(awkward_server(p * 10 + s));
      std::sort(peer.servers.begin(), peer.servers.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      peer.healthy = p % 4 != 3;  // failed once: unhealthy, servers still listed
    }
    add(peer);
    peers.push_back(std::move(peer));
  }

  const std::string text = registry.registry_json();
  const std::string servers_text = registry.servers_json();
  const std::string peers_text = registry.peers_json();
  const int64_t latest = relay::now_ms();

  const json::object actual = json::parse(text).as_object();
  const json::object expected = expected_registry(peers, actual, earliest, latest);
  EXPECT_EQ(text, relay::to_json_string(expected));
  EXPECT_EQ(actual.at("servers").as_object().size(), 3u + 10u * 52u);
  EXPECT_EQ(actual.at("peers").as_object().size(), 60u);
  // The partial views are the same members (local last_seen is "now" again).
  EXPECT_EQ(peers_text, relay::to_json_string(expected.at("peers")));
  json::object servers = json::parse(servers_text).as_object();
  for (const auto& server : local) {
    json::object& entry = servers.at(server.name).as_object();
    checked_time(entry.at("last_seen"), earliest, latest);
    entry["last_seen"] = expected.at("servers").at(server.name).at("last_seen");
  }
  EXPECT_EQ(relay::to_json_string(servers), relay::to_json_string(expected.at("servers")));
}

// Two ids added for one node (same reported id), a server name with a dot that
// spells another peer's key, and a repeated state field: each key once, at its
// first position, with the last value, as boost::json::object kept them.
TEST_F(RegistryViews, RepeatedKeysKeepTheirFirstPositionAndLastValue) {
  local = {ServerDescription{"solo", {"a"}, {}},
           ServerDescription{"twice", {"t"}, {{"n", "number"}, {"s", "string"}, {"n", "array"}}},
           ServerDescription{"solo", {"b"}, {}}};
  const int64_t earliest = relay::now_ms();
  std::vector<ExpectedPeer> peers = {
      {"a", "localhost:1", "shared", "localhost:1", {{"svc", {"old"}, {}}, {"x.y", {"m"}, {}}}, true},
      {"b", "localhost:1", "shared", "localhost:1", {{"svc", {"new"}, {}}}, true},
      {"shared.x", "localhost:2", "shared.x", "localhost:2", {{"y", {"dotted"}, {}}}, true},
  };
  for (const auto& peer : peers) add(peer);
  const std::string text = registry.registry_json();
  const int64_t latest = relay::now_ms();

  const json::object actual = json::parse(text).as_object();
  const json::object expected = expected_registry(peers, actual, earliest, latest);
  EXPECT_EQ(text, relay::to_json_string(expected));
  const json::object& servers = actual.at("servers").as_object();
  ASSERT_EQ(servers.size(), 4u);
  EXPECT_EQ(servers.at("solo").at("methods"), json::array{"b"});
  EXPECT_EQ(relay::to_json_string(servers.at("twice").at("state")), R"({"n":"array","s":"string"})");
  EXPECT_EQ(servers.at("shared.svc").at("methods"), json::array{"new"});
  EXPECT_EQ(servers.at("shared.x.y").at("methods"), json::array{"dotted"});
}

// Only the dot makes these collide: ids "n" and "n.x" are distinct, and so are
// the names; "n" + "." + "x.y" and "n.x" + "." + "y" are the same key.
TEST_F(RegistryViews, DottedNamesThatSpellAnotherPeersKeyAppearOnce) {
  local = {ServerDescription{"plain", {"local"}, {}}};
  const int64_t earliest = relay::now_ms();
  std::vector<ExpectedPeer> peers = {
      {"a", "localhost:1", "n", "localhost:1", {{"x.y", {"first"}, {}}}, true},
      {"b", "localhost:2", "n.x", "localhost:2", {{"y", {"second"}, {}}}, true},
  };
  for (const auto& peer : peers) add(peer);
  const std::string text = registry.registry_json();
  const int64_t latest = relay::now_ms();

  const json::object actual = json::parse(text).as_object();
  EXPECT_EQ(text, relay::to_json_string(expected_registry(peers, actual, earliest, latest)));
  ASSERT_EQ(actual.at("servers").as_object().size(), 2u);
  EXPECT_EQ(actual.at("servers").at("n.x.y").at("methods"), json::array{"second"});
}

TEST_F(RegistryViews, HealthAndEmptyViews) {
  local.clear();
  const int64_t earliest = relay::now_ms();
  const std::string health = registry.health_json();
  const std::string all = registry.registry_json();
  const int64_t latest = relay::now_ms();
  const json::object health_object = json::parse(health).as_object();
  const std::string timestamp(health_object.at("timestamp").as_string());
  checked_time(health_object.at("timestamp"), earliest, latest);
  EXPECT_EQ(health, R"({"status":"healthy","node_id":"self","node_address":"self-host:9000",)"
                    R"("server_count":0,"peer_count":0,"timestamp":")" + timestamp + "\"}");
  const json::object all_object = json::parse(all).as_object();
  checked_time(all_object.at("timestamp"), earliest, latest);
  EXPECT_EQ(all, R"({"node_id":"self","node_address":"self-host:9000","servers":{},"peers":{},)"
                 R"("timestamp":)" + relay::to_json_string(all_object.at("timestamp")) + "}");
  EXPECT_EQ(registry.peers_json(), "{}");
  EXPECT_EQ(registry.servers_json(), "{}");
}
