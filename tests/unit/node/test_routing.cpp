// Remote invocation and routing (node/remote_router.h) and discovery, with
// real in-process nodes and scripted fake peers on loopback.
#include <gtest/gtest.h>

#include "node_test_support.h"

using namespace relay::node;
using namespace relay::node::testing;

namespace {

Registry::Route route(std::string peer) { return Registry::Route{peer, peer + ":1", peer, 1}; }

std::shared_ptr<FakeServersBackend> counter_backend() {
  auto backend = std::make_shared<FakeServersBackend>();
  auto count = std::make_shared<std::atomic<int>>(0);
  backend->servers["counter"]["increment"] = [count](const json::value&) { return RpcOutcome::success(++*count); };
  backend->servers["counter"]["get"] = [count](const json::value&) { return RpcOutcome::success(count->load()); };
  backend->servers["counter"]["fail"] = [](const json::value&) {
    return RpcOutcome::failure(-32000, "bad thing", json::object{{"error", "bad thing"}, {"code", 7}});
  };
  return backend;
}

std::string add_body(const std::string& id, const std::string& address) {
  return relay::to_json_string(json::object{{"node_id", id}, {"address", address}});
}

// Adds `peer` to `node` and waits until the node lists it healthy.
void add_and_wait(TestClient& client, const std::string& node, const std::string& id, const std::string& address) {
  ASSERT_EQ(client.fetch(node, "POST", "/registry/peers/add", add_body(id, address)).status, 200);
  ASSERT_TRUE(eventually([&] {
    const auto peers = client.get_json(node, "/registry/peers");
    return peers.is_object() && peers.as_object().contains(id) && peers.at(id).at("is_healthy") == true;
  })) << "peer " << id << " never became healthy";
}

json::value error_of(const json::value& response) {
  return response.is_object() && response.as_object().contains("error") ? response.at("error") : json::value(nullptr);
}

}  // namespace

TEST(RoundRobin, RotatesTheStartAndKeepsTheRest) {
  const std::vector<Registry::Route> routes{route("a"), route("b"), route("c")};
  auto peers = [](const std::vector<Registry::Route>& order) {
    std::string out;
    for (const auto& r : order) out += r.peer;
    return out;
  };
  EXPECT_EQ(peers(round_robin_order(routes, 0)), "abc");
  EXPECT_EQ(peers(round_robin_order(routes, 1)), "bca");
  EXPECT_EQ(peers(round_robin_order(routes, 5)), "cab");
  EXPECT_TRUE(round_robin_order({}, 3).empty());
}

TEST(RpcAnswer, ResultsAndErrorsPassUnchanged) {
  auto ok = parse_rpc_answer(R"({"jsonrpc":"2.0","result":{"a":[1,2.5]},"id":1})");
  ASSERT_TRUE(ok && ok->ok);
  EXPECT_EQ(relay::to_json_string(ok->result), R"({"a":[1,2.5]})");
  auto null_result = parse_rpc_answer(R"({"jsonrpc":"2.0","result":null,"id":1})");
  ASSERT_TRUE(null_result && null_result->ok);
  auto error = parse_rpc_answer(R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"bad","data":{"x":1}},"id":1})");
  ASSERT_TRUE(error && !error->ok);
  EXPECT_EQ(error->code, -32000);
  EXPECT_EQ(error->message, "bad");
  EXPECT_EQ(relay::to_json_string(error->data), R"({"x":1})");
  EXPECT_FALSE(parse_rpc_answer("nonsense"));
  EXPECT_FALSE(parse_rpc_answer(R"({"jsonrpc":"2.0","id":1})"));
  EXPECT_FALSE(parse_rpc_answer(R"({"error":{"code":"x","message":"m"}})"));
  EXPECT_FALSE(parse_rpc_answer(R"({"error":{"code":1.5,"message":"m"}})"));
  EXPECT_FALSE(parse_rpc_answer(R"({"error":{"code":1e300,"message":"m"}})"));
}

TEST(Routing, SeedExampleDiscoverAndCallAcrossNodes) {
  TestNode node1("node1", counter_backend());
  TestNode node2("node2", std::make_shared<FakeServersBackend>());
  TestClient client;
  add_and_wait(client, node2.address(), "node1", node1.address());

  const auto registry = client.get_json(node2.address(), "/registry");
  const auto& remote = registry.at("servers").at("node1.counter");
  EXPECT_EQ(remote.at("is_local"), false);
  EXPECT_EQ(remote.at("node_id"), "node1");
  EXPECT_EQ(remote.at("methods"), (json::array{"fail", "get", "increment"}));
  // node1 does not list node2's (absent) servers, and nothing echoes back.
  EXPECT_EQ(client.get_json(node1.address(), "/registry/servers").as_object().size(), 1u);

  EXPECT_EQ(client.rpc(node2.address(), "counter.increment").at("result"), 1);  // unqualified
  EXPECT_EQ(client.rpc(node2.address(), "node1.counter.increment").at("result"), 2);  // qualified
  EXPECT_EQ(client.rpc(node1.address(), "counter.get").at("result"), 2);  // it ran on node1
  const auto failed = error_of(client.rpc(node2.address(), "counter.fail"));
  EXPECT_EQ(failed.at("code"), -32000);  // errors come back unchanged
  EXPECT_EQ(failed.at("message"), "bad thing");
  EXPECT_EQ(failed.at("data").at("code"), 7);
  const auto missing = error_of(client.rpc(node2.address(), "node1.counter.nope"));
  EXPECT_EQ(missing.at("code"), -32601);
}

TEST(Routing, UnknownAndUnhealthyNodesAnswerMinus32001WithTheNodeId) {
  TestNode node("solo", std::make_shared<FakeServersBackend>());
  TestClient client;
  auto unknown = error_of(client.rpc(node.address(), "ghost.counter.get"));
  EXPECT_EQ(unknown.at("code"), -32001);
  EXPECT_EQ(unknown.at("data"), "ghost");
  // Added but never reachable: unhealthy.
  const std::string dead = "127.0.0.1:1";
  ASSERT_EQ(client.fetch(node.address(), "POST", "/registry/peers/add", add_body("dead", dead)).status, 200);
  auto unhealthy = error_of(client.rpc(node.address(), "dead.counter.get"));
  EXPECT_EQ(unhealthy.at("code"), -32001);
  EXPECT_EQ(unhealthy.at("data"), "dead");
  // Unqualified and known nowhere: method not found.
  EXPECT_EQ(error_of(client.rpc(node.address(), "counter.get")).at("code"), -32601);
}

TEST(Routing, RoundRobinAcrossPeersWithForwardedHops) {
  FakePeer p1("p1", {"svc"}), p2("p2", {"svc"});
  TestNode node("rr", std::make_shared<FakeServersBackend>());
  TestClient client;
  add_and_wait(client, node.address(), "p1", p1.address());
  add_and_wait(client, node.address(), "p2", p2.address());
  std::map<std::string, int> served;
  for (int i = 0; i < 6; ++i) {
    const auto answer = client.rpc(node.address(), "svc.m", json::array{i}, {{"X-Relay-Hops", "2"}});
    served[std::string(answer.at("result").at("node").as_string())]++;
  }
  EXPECT_EQ(served["p1"], 3);
  EXPECT_EQ(served["p2"], 3);
  const auto request = p1.rpc_requests().at(0);
  EXPECT_EQ(request.headers.at("x-relay-hops"), "3");  // incoming + 1
  const auto body = json::parse(request.body);
  EXPECT_EQ(body.at("method"), "p1.svc.m");  // qualified: the peer runs it, never forwards it
  EXPECT_EQ(body.at("params"), (json::array{0}));
}

TEST(Routing, HopLimitRefusesForwarding) {
  FakePeer p1("p1", {"svc"});
  TestNode node("hops", std::make_shared<FakeServersBackend>());
  TestClient client;
  add_and_wait(client, node.address(), "p1", p1.address());
  const auto refused = error_of(client.rpc(node.address(), "svc.m", nullptr, {{"X-Relay-Hops", "8"}}));
  EXPECT_EQ(refused.at("code"), -32001);
  const auto past = error_of(client.rpc(node.address(), "p1.svc.m", nullptr, {{"X-Relay-Hops", "9"}}));
  EXPECT_EQ(past.at("code"), -32001);
  EXPECT_TRUE(p1.rpc_requests().empty());
  EXPECT_TRUE(client.rpc(node.address(), "svc.m", nullptr, {{"X-Relay-Hops", "7"}}).at("result").is_object());
}

// The X-Relay-Hops header reaches the local call on every node: the caller's
// hops as sent, the forwarded request's hops + 1 on the peer.
TEST(Routing, LocalCallsGetTheRequestHops) {
  auto backend1 = counter_backend();
  auto backend2 = counter_backend();
  TestNode node1("node1", backend1);
  TestNode node2("node2", backend2);
  TestClient client;
  add_and_wait(client, node2.address(), "node1", node1.address());
  EXPECT_EQ(client.rpc(node2.address(), "counter.increment", nullptr, {{"X-Relay-Hops", "4"}}).at("result"), 1);
  EXPECT_EQ(backend2->local_hops(), std::vector<int>{4});
  EXPECT_EQ(client.rpc(node2.address(), "node1.counter.increment", nullptr, {{"X-Relay-Hops", "4"}}).at("result"), 1);
  EXPECT_EQ(client.rpc(node2.address(), "node1.counter.increment").at("result"), 2);
  EXPECT_EQ(backend1->local_hops(), (std::vector<int>{5, 1}));
  EXPECT_EQ(backend2->local_hops(), std::vector<int>{4});  // forwarded, not run here
}

TEST(Routing, PeerThatRefusesConnectionsIsSkipped) {
  FakePeer p1("p1", {"svc"}), p2("p2", {"svc"});
  TestNode node("failover", std::make_shared<FakeServersBackend>(), 10s);  // no poll in between
  TestClient client;
  add_and_wait(client, node.address(), "p1", p1.address());
  add_and_wait(client, node.address(), "p2", p2.address());
  p1.stop();  // refuses connections; its pooled connections are closed
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(client.rpc(node.address(), "svc.m").at("result").at("node"), "p2") << i;
  }
  // The failed peer is marked unhealthy at once.
  EXPECT_EQ(client.get_json(node.address(), "/registry/peers").at("p1").at("is_healthy"), false);
}

TEST(Routing, CallThatMayHaveRunIsNeverRetried) {
  FakePeer p1("p1", {"svc"}), p2("p2", {"svc"});
  p1.set_rpc_mode(FakePeer::RpcMode::drop);  // reads the call, closes without answering
  TestNode node("once", std::make_shared<FakeServersBackend>(), 10s);
  TestClient client;
  add_and_wait(client, node.address(), "p1", p1.address());
  add_and_wait(client, node.address(), "p2", p2.address());
  const auto failed = error_of(client.rpc(node.address(), "svc.m"));  // first turn: p1 (key order)
  EXPECT_EQ(failed.at("code"), -32001);
  EXPECT_EQ(failed.at("data"), "p1");
  EXPECT_EQ(p1.rpc_requests().size(), 1u);
  EXPECT_TRUE(p2.rpc_requests().empty());
}

TEST(Routing, TimeoutCoversTheWholeRemoteCall) {
  FakePeer p1("p1", {"svc"});
  p1.set_rpc_mode(FakePeer::RpcMode::hang);
  TestNode node("slow", std::make_shared<FakeServersBackend>(), 10s, 300ms);
  TestClient client;
  add_and_wait(client, node.address(), "p1", p1.address());
  const auto timed_out = error_of(client.rpc(node.address(), "p1.svc.m"));
  EXPECT_EQ(timed_out.at("code"), -32002);
  EXPECT_EQ(timed_out.at("data"), 300);
  // The node still answers other requests.
  EXPECT_EQ(client.fetch(node.address(), "GET", "/registry/health").status, 200);
  p1.release_hung();
}

TEST(Discovery, DeadPeerTurnsUnhealthyLosesItsServersAndRecovers) {
  auto peer = std::make_unique<FakePeer>("p1", std::vector<std::string>{"svc"});
  TestNode node("watcher", std::make_shared<FakeServersBackend>(), 100ms);
  TestClient client;
  add_and_wait(client, node.address(), "p1", peer->address());
  const std::string address = peer->address();
  peer->stop();
  ASSERT_TRUE(eventually([&] {
    return client.get_json(node.address(), "/registry/peers").at("p1").at("is_healthy") == false;
  }));
  ASSERT_TRUE(eventually([&] {
    return !client.get_json(node.address(), "/registry/servers").as_object().contains("p1.svc");
  }));
  // A new peer at a new address: re-adding updates the address and it recovers.
  FakePeer again("p1", {"svc"});
  add_and_wait(client, node.address(), "p1", again.address());
  EXPECT_TRUE(client.get_json(node.address(), "/registry/servers").as_object().contains("p1.svc"));
}

TEST(Discovery, AddPeerUrlFindsAPeerThatStartsLater) {
  // Reserve a port, start the watcher pointing at it, then start the peer there.
  auto reserved = std::make_unique<RawServer>([](int) {});
  const uint16_t port = reserved->port();
  reserved.reset();
  TestNode watcher("watcher", std::make_shared<FakeServersBackend>(), 100ms, 3s,
                   {"http://127.0.0.1:" + std::to_string(port)});
  TestClient client;
  const std::string key = "127.0.0.1:" + std::to_string(port);
  EXPECT_TRUE(client.get_json(watcher.address(), "/registry/peers").as_object().contains(key));
  NodeOptions late_options;
  late_options.port = port;
  late_options.node_id = "late";
  late_options.log_level = LogLevel::error;
  auto late_backend = counter_backend();
  Node late(late_options, late_backend);
  late.start();
  auto run = std::async(std::launch::async, [&] { return late.run(); });
  ASSERT_TRUE(eventually([&] {
    const auto peers = client.get_json(watcher.address(), "/registry/peers");
    return peers.as_object().contains("late") && peers.at("late").at("is_healthy") == true;
  }));
  EXPECT_FALSE(client.get_json(watcher.address(), "/registry/peers").as_object().contains(key));
  EXPECT_EQ(client.rpc(watcher.address(), "late.counter.increment").at("result"), 1);
  late.request_stop();
  run.wait();
}
