// Route table (node/router.h) and the health/info bodies (node/status.h).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "node/router.h"
#include "node/status.h"

using namespace relay::node;

TEST(Router, FindsExactMethodAndPath) {
  Router router;
  int called = 0;
  router.add("GET", "/health", [&](const Request&, Responder) { ++called; });
  std::vector<std::string> allowed{"stale"};
  const Handler* handler = router.find("GET", "/health", allowed);
  ASSERT_NE(handler, nullptr);
  (*handler)(Request{}, [](Response) {});
  EXPECT_EQ(called, 1);
  EXPECT_TRUE(allowed.empty());
}

TEST(Router, WrongMethodListsAllowed) {
  Router router;
  router.add("GET", "/registry/peers", [](const Request&, Responder) {});
  router.add("DELETE", "/registry/peers", [](const Request&, Responder) {});
  std::vector<std::string> allowed;
  EXPECT_EQ(router.find("POST", "/registry/peers", allowed), nullptr);
  EXPECT_EQ(allowed, (std::vector<std::string>{"GET", "DELETE"}));
}

TEST(Router, UnknownPathHasNoAllowed) {
  Router router;
  router.add("GET", "/health", [](const Request&, Responder) {});
  std::vector<std::string> allowed;
  EXPECT_EQ(router.find("GET", "/health/", allowed), nullptr);
  EXPECT_TRUE(allowed.empty());
}

TEST(Router, ReRegistrationReplacesAndEndpointsKeepOrder) {
  Router router;
  int which = 0;
  router.add("POST", "/rpc", [&](const Request&, Responder) { which = 1; });
  router.add("GET", "/health", [](const Request&, Responder) {});
  router.add("POST", "/rpc", [&](const Request&, Responder) { which = 2; });
  std::vector<std::string> allowed;
  (*router.find("POST", "/rpc", allowed))(Request{}, [](Response) {});
  EXPECT_EQ(which, 2);
  const auto endpoints = router.endpoints();
  ASSERT_EQ(endpoints.size(), 2u);
  EXPECT_EQ(endpoints[0], (std::pair<std::string, std::string>{"POST", "/rpc"}));
}

TEST(Request, HeaderLookupIsCaseInsensitive) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Relay-Hops", "3"}};
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("X-RELAY-HOPS"), "3");
  EXPECT_EQ(request.header("missing"), "");
}

TEST(Response, ErrorIsJsonWithEscapes) {
  const Response response = Response::error(400, "bad \"thing\"");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(boost::json::parse(response.body).at("error"), "bad \"thing\"");
}

TEST(Status, HealthShape) {
  const auto body = boost::json::parse(health_body("n1", 3)).as_object();
  EXPECT_EQ(body.size(), 4u);
  EXPECT_EQ(body.at("status"), "healthy");
  EXPECT_EQ(body.at("node_id"), "n1");
  EXPECT_EQ(body.at("servers"), 3);
  EXPECT_TRUE(body.at("timestamp").is_int64());
}

TEST(Status, InfoShape) {
  const auto body = boost::json::parse(info_body("n1", {"a", "b"})).as_object();
  EXPECT_EQ(body.at("node_id"), "n1");
  EXPECT_EQ(body.at("servers"), (boost::json::array{"a", "b"}));
  EXPECT_EQ(body.at("jsonrpc_version"), "2.0");
  EXPECT_EQ(body.at("endpoints").at("rpc"), "/rpc");
  EXPECT_EQ(body.at("endpoints").at("registry"), "/registry");
  EXPECT_TRUE(body.at("relay_version").is_string());
}
