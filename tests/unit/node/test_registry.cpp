// Registry state (node/registry.h) and peer addresses (node/peer_address.h):
// no sockets, time passed in.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json.hpp>

#include "lang/json.h"
#include "node/command_line.h"
#include "node/peer_address.h"
#include "node/registry.h"

using namespace relay::node;
namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = Registry::Clock;

namespace {

// The views are JSON text; the tests look at them as Boost.JSON objects.
json::object parsed(const std::string& text) { return json::parse(text).as_object(); }

std::vector<ServerDescription> local_servers() {
  return {ServerDescription{"test_counter", {"get_count", "increment"}, {{"count", "number"}}}};
}


PeerReport report(std::string node_id, std::vector<std::string> servers) {
  PeerReport r;
  r.node_id = std::move(node_id);
  r.node_address = "localhost:9001";
  for (auto& name : servers) r.servers.push_back(ServerDescription{std::move(name), {"m"}, {}});
  r.server_count = r.servers.size();
  return r;
}

Registry::PollTicket added(Registry& registry, std::string id, std::string address) {
  auto result = registry.add_peer(id, address);
  EXPECT_TRUE(result.poll.has_value());
  return *result.poll;
}

// Claims the ticket as discovery would, then reports success.
void poll_ok(Registry& registry, const Registry::PollTicket& ticket, PeerReport r) {
  registry.claim_poll(ticket);
  registry.poll_succeeded(ticket, std::move(r));
}

void poll_fail(Registry& registry, const Registry::PollTicket& ticket, Clock::time_point now) {
  registry.claim_poll(ticket);
  registry.poll_failed(ticket, "refused", now);
}

}  // namespace

// A registry for node "self" at localhost:9000 with a 200 ms discovery interval.
class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { registry.set_node_address("localhost:9000"); }
  Registry registry{"self", 200ms, local_servers};
};

TEST(PeerAddress, NormalisesHostPortAndHttpUrls) {
  EXPECT_EQ(normalize_peer_address("localhost:8080"), "localhost:8080");
  EXPECT_EQ(normalize_peer_address("http://localhost:8080"), "localhost:8080");
  EXPECT_EQ(normalize_peer_address("HTTP://10.0.0.1:80/"), "10.0.0.1:80");
  EXPECT_EQ(normalize_peer_address(" node-1.example.com:65535 "), "node-1.example.com:65535");
  EXPECT_EQ(normalize_peer_address("http://[::1]:8080"), "[::1]:8080");
}

TEST(PeerAddress, RejectsMalformedAddresses) {
  for (const char* bad : {"", "localhost", "localhost:", ":8080", "localhost:0", "localhost:65536",
                          "localhost:80a", "https://localhost:8080", "ftp://h:1", "http://h:1/rpc",
                          "user@host:1", "ho st:1", "-host:1", "host.:1", "::1:8080", "[zz]:1",
                          "http://", "h:1:2"}) {
    EXPECT_FALSE(normalize_peer_address(bad).has_value()) << bad;
  }
}

TEST(PeerAddress, MalformedAddPeerFlagIsAUsageError) {
  const char* bad[] = {"relay", "-server", "-add-peer", "localhost:1,nowhere"};
  EXPECT_TRUE(std::holds_alternative<UsageError>(parse_command_line(4, bad)));
  const char* good[] = {"relay", "-server", "-add-peer", "localhost:1,http://h:2/"};
  EXPECT_TRUE(std::holds_alternative<CliOptions>(parse_command_line(4, good)));
}

TEST(PeerAddress, SplitsHostAndPort) {
  auto v4 = split_host_port("127.0.0.1:81");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 81);
  auto v6 = split_host_port("[::1]:82");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
}

TEST_F(RegistryTest, AddValidatesIdAddressAndOwnId) {
  EXPECT_EQ(registry.add_peer("", "localhost:1").status, Registry::AddStatus::invalid_id);
  EXPECT_EQ(registry.add_peer("bad id", "localhost:1").status, Registry::AddStatus::invalid_id);
  EXPECT_EQ(registry.add_peer(std::string(65, 'a'), "localhost:1").status, Registry::AddStatus::invalid_id);
  EXPECT_EQ(registry.add_peer("self", "localhost:1").status, Registry::AddStatus::own_id);
  EXPECT_EQ(registry.add_peer("p1", "nowhere").status, Registry::AddStatus::invalid_address);
  EXPECT_EQ(registry.peer_count(), 0u);
  const auto result = registry.add_peer("p1", "http://localhost:9001/");
  EXPECT_EQ(result.status, Registry::AddStatus::added);
  EXPECT_EQ(result.address, "localhost:9001");
  EXPECT_EQ(registry.peer_count(), 1u);
}

TEST_F(RegistryTest, NewPeerIsListedUnhealthyUntilItAnswers) {
  added(registry, "p1", "localhost:9001");
  const auto peer = parsed(registry.peers_json()).at("p1").as_object();
  EXPECT_EQ(peer.at("node_id"), "p1");
  EXPECT_EQ(peer.at("address"), "localhost:9001");
  EXPECT_EQ(peer.at("is_healthy"), false);
  EXPECT_TRUE(peer.at("last_seen").is_null());
  EXPECT_EQ(peer.at("server_count"), 0);
  EXPECT_FALSE(peer.contains("reported_node_id"));
}

TEST_F(RegistryTest, SuccessfulPollListsThePeersServers) {
  const auto ticket = added(registry, "p1", "localhost:9001");
  poll_ok(registry, ticket, report("p1", {"test_counter", "other"}));
  const auto servers = parsed(registry.servers_json());
  ASSERT_EQ(servers.size(), 3u);  // local test_counter + p1's two
  const auto& local = servers.at("test_counter").as_object();
  EXPECT_EQ(local.at("is_local"), true);
  EXPECT_EQ(local.at("node_id"), "self");
  EXPECT_EQ(local.at("node_address"), "localhost:9000");
  EXPECT_EQ(local.at("methods"), (json::array{"get_count", "increment"}));
  EXPECT_EQ(local.at("state"), (json::object{{"count", "number"}}));
  const auto& remote = servers.at("p1.test_counter").as_object();
  EXPECT_EQ(remote.at("is_local"), false);
  EXPECT_EQ(remote.at("node_id"), "p1");
  EXPECT_EQ(remote.at("node_address"), "localhost:9001");
  EXPECT_TRUE(remote.at("last_seen").as_string().ends_with("Z"));
  const auto peer = parsed(registry.peers_json()).at("p1").as_object();
  EXPECT_EQ(peer.at("is_healthy"), true);
  EXPECT_EQ(peer.at("server_count"), 2);
  EXPECT_TRUE(peer.at("last_seen").is_string());
}

TEST_F(RegistryTest, ReportedIdDifferentFromTheAddedIdIsShownAndRoutable) {
  poll_ok(registry, added(registry, "node1", "localhost:9001"), report("abc123", {"svc"}));
  const auto peer = parsed(registry.peers_json()).at("node1").as_object();
  EXPECT_EQ(peer.at("node_id"), "node1");
  EXPECT_EQ(peer.at("reported_node_id"), "abc123");
  EXPECT_TRUE(parsed(registry.servers_json()).contains("abc123.svc"));
  Registry::Route route;
  EXPECT_EQ(registry.find_node("node1", route), Registry::Lookup::found);
  EXPECT_EQ(registry.find_node("abc123", route), Registry::Lookup::found);
  EXPECT_EQ(route.node_id, "abc123");
  EXPECT_EQ(route.address, "localhost:9001");
  EXPECT_EQ(registry.find_node("zzz", route), Registry::Lookup::unknown);
}

TEST_F(RegistryTest, FailedPeerKeepsItsServersForThreeIntervalsThenRecovers) {
  const auto ticket = added(registry, "p1", "localhost:9001");
  poll_ok(registry, ticket, report("p1", {"svc"}));
  const auto t0 = Clock::now();
  poll_fail(registry, ticket, t0);
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("is_healthy"), false);
  EXPECT_TRUE(parsed(registry.servers_json()).contains("p1.svc"));
  EXPECT_TRUE(registry.routes_to_server("svc").empty());  // unhealthy: not routed to
  Registry::Route route;
  EXPECT_EQ(registry.find_node("p1", route), Registry::Lookup::unhealthy);

  poll_fail(registry, ticket, t0 + 599ms);
  EXPECT_TRUE(parsed(registry.servers_json()).contains("p1.svc"));
  poll_fail(registry, ticket, t0 + 600ms);
  EXPECT_FALSE(parsed(registry.servers_json()).contains("p1.svc"));
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("server_count"), 0);
  EXPECT_EQ(registry.peer_count(), 1u);  // the peer itself stays listed

  poll_ok(registry, ticket, report("p1", {"svc"}));
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("is_healthy"), true);
  EXPECT_TRUE(parsed(registry.servers_json()).contains("p1.svc"));
  // The failure clock restarts after a recovery.
  poll_fail(registry, ticket, t0 + 10s);
  poll_fail(registry, ticket, t0 + 10s + 599ms);
  EXPECT_TRUE(parsed(registry.servers_json()).contains("p1.svc"));
}

TEST_F(RegistryTest, PollRoundAlsoExpiresServersOfFailedPeers) {
  const auto ticket = added(registry, "p1", "localhost:9001");
  poll_ok(registry, ticket, report("p1", {"svc"}));
  const auto t0 = Clock::now();
  poll_fail(registry, ticket, t0);
  registry.start_poll_round(t0 + 600ms);
  EXPECT_FALSE(parsed(registry.servers_json()).contains("p1.svc"));
}

TEST_F(RegistryTest, RemoveDropsThePeerAndItsServers) {
  poll_ok(registry, added(registry, "p1", "localhost:9001"), report("p1", {"svc"}));
  EXPECT_FALSE(registry.remove_peer("nobody"));
  EXPECT_TRUE(registry.remove_peer("p1"));
  EXPECT_EQ(registry.peer_count(), 0u);
  EXPECT_EQ(parsed(registry.servers_json()).size(), 1u);
  EXPECT_FALSE(registry.any_route_to_server("svc"));
}

TEST_F(RegistryTest, ReAddUpdatesTheAddressAndIgnoresLateAnswersForTheOldOne) {
  const auto old_ticket = added(registry, "p1", "localhost:9001");
  registry.claim_poll(old_ticket);
  const auto same = registry.add_peer("p1", "localhost:9001");
  EXPECT_EQ(same.status, Registry::AddStatus::updated);
  EXPECT_EQ(same.poll->generation, old_ticket.generation);
  EXPECT_FALSE(registry.claim_poll(*same.poll));  // already being polled
  const auto moved = registry.add_peer("p1", "localhost:9002");
  EXPECT_EQ(moved.status, Registry::AddStatus::updated);
  EXPECT_NE(moved.poll->generation, old_ticket.generation);
  registry.poll_succeeded(old_ticket, report("p1", {"svc"}));  // late answer from the old address
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("is_healthy"), false);
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("address"), "localhost:9002");
  poll_ok(registry, *moved.poll, report("p1", {"svc"}));
  EXPECT_EQ(parsed(registry.peers_json()).at("p1").at("is_healthy"), true);
}

TEST_F(RegistryTest, PeerBeingPolledIsNotPolledTwice) {
  added(registry, "p1", "localhost:9001");
  added(registry, "p2", "localhost:9002");
  const auto first = registry.start_poll_round(Clock::now());
  EXPECT_EQ(first.size(), 2u);
  EXPECT_TRUE(registry.start_poll_round(Clock::now()).empty());
  registry.poll_failed(first[0], "timeout", Clock::now());
  const auto second = registry.start_poll_round(Clock::now());
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].key, first[0].key);
}

TEST_F(RegistryTest, UrlPeerIsListedUnderHostPortUntilItReportsItsId) {
  const auto result = registry.add_peer_url("http://localhost:9001");
  ASSERT_EQ(result.status, Registry::AddStatus::added);
  EXPECT_TRUE(parsed(registry.peers_json()).contains("localhost:9001"));
  EXPECT_EQ(registry.add_peer_url("localhost:9001").status, Registry::AddStatus::updated);
  EXPECT_EQ(registry.add_peer_url("nope").status, Registry::AddStatus::invalid_address);
  poll_fail(registry, *result.poll, Clock::now());
  EXPECT_TRUE(parsed(registry.peers_json()).contains("localhost:9001"));  // not forgotten
  poll_ok(registry, *result.poll, report("real-id", {"svc"}));
  const auto peers = parsed(registry.peers_json());
  ASSERT_EQ(peers.size(), 1u);
  const auto& peer = peers.at("real-id").as_object();
  EXPECT_EQ(peer.at("node_id"), "real-id");
  EXPECT_EQ(peer.at("address"), "localhost:9001");
  EXPECT_EQ(peer.at("is_healthy"), true);
  EXPECT_FALSE(peer.contains("reported_node_id"));
  EXPECT_EQ(registry.routes_to_server("svc").size(), 1u);
  EXPECT_TRUE(registry.remove_peer("real-id"));
}

TEST_F(RegistryTest, UrlPeerThatIsThisNodeOrAKnownPeerIsDropped) {
  poll_ok(registry, added(registry, "p1", "localhost:9001"), report("p1", {}));
  const auto dup = registry.add_peer_url("127.0.0.1:9001");
  poll_ok(registry, *dup.poll, report("p1", {}));
  const auto me = registry.add_peer_url("localhost:9000");
  poll_ok(registry, *me.poll, report("self", {"test_counter"}));
  const auto peers = parsed(registry.peers_json());
  EXPECT_EQ(peers.size(), 1u);
  EXPECT_TRUE(peers.contains("p1"));
}

TEST_F(RegistryTest, PeerThatReportsThisNodesIdListsNoRemoteServers) {
  poll_ok(registry, added(registry, "alias", "localhost:9000"), report("self", {"test_counter"}));
  EXPECT_EQ(parsed(registry.servers_json()).size(), 1u);
  EXPECT_FALSE(registry.any_route_to_server("test_counter"));
}

TEST_F(RegistryTest, RoutesToServerListsHealthyPeersInKeyOrder) {
  poll_ok(registry, added(registry, "b", "localhost:9002"), report("b", {"svc"}));
  poll_ok(registry, added(registry, "a", "localhost:9001"), report("a", {"svc", "x"}));
  poll_ok(registry, added(registry, "c", "localhost:9003"), report("c", {"x"}));
  const auto routes = registry.routes_to_server("svc");
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].peer, "a");
  EXPECT_EQ(routes[1].peer, "b");
  registry.call_failed(routes[0], Clock::now());  // a routed call could not connect
  ASSERT_EQ(registry.routes_to_server("svc").size(), 1u);
  EXPECT_EQ(registry.routes_to_server("svc")[0].peer, "b");
  EXPECT_FALSE(registry.any_route_to_server("nothing"));
}

TEST_F(RegistryTest, HealthAndRegistryViewsHaveTheSpecifiedShape) {
  added(registry, "p1", "localhost:9001");
  const auto health = parsed(registry.health_json());
  EXPECT_EQ(health.at("status"), "healthy");
  EXPECT_EQ(health.at("node_id"), "self");
  EXPECT_EQ(health.at("node_address"), "localhost:9000");
  EXPECT_EQ(health.at("server_count"), 1);
  EXPECT_EQ(health.at("peer_count"), 1);
  EXPECT_TRUE(health.at("timestamp").as_string().ends_with("Z"));
  const auto all = parsed(registry.registry_json());
  for (const char* key : {"node_id", "node_address", "servers", "peers", "timestamp"}) {
    EXPECT_TRUE(all.contains(key)) << key;
  }
  // A local server's last_seen is "now" at each rendering: the two views may
  // be a millisecond apart, so compare them without it.
  auto without_last_seen = [](json::value servers) {
    for (auto& [name, entry] : servers.as_object()) {
      EXPECT_TRUE(entry.as_object().contains("last_seen")) << name;
      entry.as_object().erase("last_seen");
    }
    return servers;
  };
  EXPECT_EQ(without_last_seen(all.at("servers")), without_last_seen(parsed(registry.servers_json())));
  EXPECT_EQ(all.at("peers"), parsed(registry.peers_json()));
}

TEST(PeerReport, KeepsOnlyThePeersOwnServers) {
  const std::string health = R"({"status":"healthy","node_id":"n2","node_address":"h:2","server_count":1,"peer_count":1})";
  const std::string servers = R"({
    "svc": {"name":"svc","node_id":"n2","methods":["b","a"],"state":{"n":"number"},"is_local":true},
    "n1.other": {"name":"other","node_id":"n1","methods":[],"is_local":false}})";
  std::string why;
  const auto r = parse_peer_report(health, servers, why);
  ASSERT_TRUE(r) << why;
  EXPECT_EQ(r->node_id, "n2");
  EXPECT_EQ(r->node_address, "h:2");
  EXPECT_EQ(r->server_count, 1u);
  ASSERT_EQ(r->servers.size(), 1u);
  EXPECT_EQ(r->servers[0].name, "svc");
  EXPECT_EQ(r->servers[0].methods, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->servers[0].state.at(0).second, "number");
}

TEST(PeerReport, RejectsAnswersThatAreNotARegistry) {
  std::string why;
  EXPECT_FALSE(parse_peer_report("not json", "{}", why));
  EXPECT_FALSE(parse_peer_report(R"({"status":"healthy"})", "{}", why));  // no node_id
  EXPECT_FALSE(parse_peer_report(R"({"node_id":"bad id"})", "{}", why));
  EXPECT_FALSE(parse_peer_report(R"({"node_id":"ok"})", "[]", why));
  EXPECT_TRUE(parse_peer_report(R"({"node_id":"ok"})", "{}", why));
}

// Readers, writers and pollers at once; run under ThreadSanitizer in CI.
TEST_F(RegistryTest, ConcurrentAddRemovePollAndReadAreSafe) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const std::string id = "p" + std::to_string((t * 7 + i) % 10);
        if (i % 3 == 0) registry.remove_peer(id);
        registry.add_peer(id, "localhost:" + std::to_string(9001 + i % 5));
        for (const auto& ticket : registry.start_poll_round(Clock::now())) {
          if (i % 2) registry.poll_succeeded(ticket, report(ticket.key, {"svc"}));
          else registry.poll_failed(ticket, "x", Clock::now());
        }
        (void)registry.registry_json();
        (void)registry.routes_to_server("svc");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(registry.peer_count(), 10u);
}
