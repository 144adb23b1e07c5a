// node/peer_client.h against raw sockets and a real in-process node: pooling,
// and the failure kinds routing relies on (not_sent vs maybe_sent, timeouts).
#include <gtest/gtest.h>

#include "node_test_support.h"

using namespace relay::node;
using namespace relay::node::testing;

namespace {

// A port with nothing listening (bound, then closed).
uint16_t closed_port() {
  RawServer server([](int) {});
  const uint16_t port = server.port();
  server.stop();
  return port;
}

}  // namespace

TEST(PeerClient, SequentialRequestsReuseOneConnection) {
  TestNode node("pc", std::make_shared<FakeServersBackend>());
  TestClient client;
  for (int i = 0; i < 50; ++i) {
    const auto response = client.fetch(node.address(), "GET", "/health");
    ASSERT_TRUE(response.ok()) << response.error;
    EXPECT_EQ(response.status, 200);
  }
  EXPECT_EQ(client.client().connections_opened(), 1u);
  EXPECT_EQ(client.client().idle_connections(node.address()), 1u);
}

TEST(PeerClient, ConcurrentRequestsOpenAtMostOneConnectionEachAndKeepThem) {
  TestNode node("pc", std::make_shared<FakeServersBackend>());
  TestClient client;
  constexpr int kParallel = 8;
  for (int round = 0; round < 5; ++round) {
    std::vector<std::future<PeerResponse>> answers;
    for (int i = 0; i < kParallel; ++i) {
      answers.push_back(std::async(std::launch::async, [&] { return client.fetch(node.address(), "GET", "/info"); }));
    }
    for (auto& answer : answers) EXPECT_EQ(answer.get().status, 200);
  }
  // 40 requests; never more connections than were in flight at once.
  EXPECT_LE(client.client().connections_opened(), static_cast<uint64_t>(kParallel));
}

TEST(PeerClient, RefusedConnectionIsNotSent) {
  TestClient client;
  const auto response = client.fetch("127.0.0.1:" + std::to_string(closed_port()), "POST", "/rpc", "{}");
  EXPECT_EQ(response.failure, PeerResponse::Failure::not_sent);
  EXPECT_FALSE(response.timed_out);
}

TEST(PeerClient, ConnectionDroppedAfterTheRequestMayHaveRun) {
  RawServer server([](int fd) {
    std::string buffer;
    read_request(fd, buffer);  // read it, answer nothing
  });
  TestClient client;
  const auto response = client.fetch(server.address(), "POST", "/rpc", "{}");
  EXPECT_EQ(response.failure, PeerResponse::Failure::maybe_sent);
}

TEST(PeerClient, SilentPeerTimesOut) {
  std::promise<void> release;
  auto released = release.get_future().share();
  RawServer server([released](int fd) {
    std::string buffer;
    read_request(fd, buffer);
    released.wait();
  });
  TestClient client;
  const auto response = client.fetch(server.address(), "POST", "/rpc", "{}", 200ms);
  EXPECT_TRUE(response.timed_out);
  EXPECT_EQ(response.failure, PeerResponse::Failure::maybe_sent);
  release.set_value();
}

TEST(PeerClient, PooledConnectionClosedByThePeerIsNotReused) {
  // Answers one request per connection, then closes it although keep-alive was promised.
  std::atomic<int> closed{0};
  RawServer server([&closed](int fd) {
    std::string buffer;
    if (read_request(fd, buffer)) write_response(fd, 200, "{}");
    ::shutdown(fd, SHUT_RDWR);
    ++closed;
  });
  TestClient client;
  for (int i = 0; i < 5; ++i) {
    // A POST is never resent: it succeeds only if the dead pooled connection is skipped.
    const auto response = client.fetch(server.address(), "POST", "/rpc", "{}");
    ASSERT_TRUE(response.ok()) << i << ": " << response.error;
    ASSERT_TRUE(eventually([&] { return closed == i + 1; }));
  }
  EXPECT_EQ(client.client().connections_opened(), 5u);
}

TEST(PeerClient, MalformedAddressFailsWithoutSending) {
  TestClient client;
  EXPECT_EQ(client.fetch("no-port", "GET", "/").failure, PeerResponse::Failure::not_sent);
}

TEST(PeerClient, ClosedClientRefusesNewRequests) {
  TestNode node("pc", std::make_shared<FakeServersBackend>());
  TestClient client;
  ASSERT_TRUE(client.fetch(node.address(), "GET", "/health").ok());
  client.client().close();
  EXPECT_EQ(client.client().idle_connections(node.address()), 0u);
  EXPECT_EQ(client.fetch(node.address(), "GET", "/health").failure, PeerResponse::Failure::not_sent);
}
