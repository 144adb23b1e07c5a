// JSON-RPC 2.0 dispatch (node/rpc.h) against a fake backend.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <optional>
#include <thread>
#include <vector>

#include "lang/json.h"
#include "node/rpc.h"

using namespace relay::node;
namespace json = boost::json;

namespace {

// A backend with one local server "counter" (get, add(by: number), boom) and
// routing to node "peer1" only. Calls record what they saw.
class FakeBackend : public RpcBackend {
 public:
  bool answer_on_other_thread = false;
  std::vector<std::string> calls;  // "server.method params"
  std::vector<int> remote_hops;
  std::vector<int> local_hops;

  bool has_local_server(std::string_view server) const override { return server == "counter"; }

  void call_local(std::string_view server, std::string_view method, const json::value& params,
                  int hops, RpcDone done) override {
    calls.push_back(std::string(server) + "." + std::string(method) + " " +
                    relay::to_json_string(params));
    local_hops.push_back(hops);
    RpcOutcome outcome = evaluate(server, method, params);
    if (answer_on_other_thread) {
      std::thread([done = std::move(done), outcome] { done(outcome); }).join();
    } else {
      done(std::move(outcome));
    }
  }

  bool can_route(std::string_view target) const override {
    return target.starts_with("peer1.") || target == "remote_only";
  }
  void call_remote(std::string target, std::string method, json::value, int hops,
                   RpcDone done) override {
    calls.push_back("remote " + target + "." + method);
    remote_hops.push_back(hops);
    done(RpcOutcome::success("from remote"));
  }

 private:
  RpcOutcome evaluate(std::string_view server, std::string_view method, const json::value& params) {
    if (server != "counter") return RpcOutcome::failure(-32601, "Method not found", json::string(server));
    if (method == "get") return RpcOutcome::success(count_);
    if (method == "add") {
      const json::value* by = params.is_array() && params.as_array().size() == 1 ? &params.as_array()[0]
                              : params.is_object() ? params.as_object().if_contains("by")
                                                   : nullptr;
      if (!by || !by->is_number()) return RpcOutcome::failure(-32602, "Invalid params", "by");
      count_ += by->to_number<double>();
      return RpcOutcome::success(count_);
    }
    if (method == "boom") return RpcOutcome::failure(-32000, "boom", json::object{{"error", "boom"}});
    return RpcOutcome::failure(-32601, "Method not found", json::string(method));
  }
  double count_ = 0;
};

struct Fixture : ::testing::Test {
  std::shared_ptr<FakeBackend> backend = std::make_shared<FakeBackend>();
  RpcEndpoint endpoint{"self.node", backend};

  // Runs one body; nullopt = 204.
  std::optional<std::string> run(std::string_view body, int hops = 0) {
    std::optional<std::optional<std::string>> answer;
    endpoint.handle(body, hops, [&](std::optional<std::string> text) {
      EXPECT_FALSE(answer.has_value()) << "answered twice";
      answer = std::move(text);
    });
    EXPECT_TRUE(answer.has_value()) << "no answer";
    return answer ? *answer : std::nullopt;
  }
  json::value run_json(std::string_view body) {
    auto text = run(body);
    EXPECT_TRUE(text.has_value());
    return text ? json::parse(*text) : json::value();
  }
  int error_code(const json::value& response) {
    return static_cast<int>(response.at("error").at("code").as_int64());
  }
};

}  // namespace

TEST_F(Fixture, SingleCallEchoesIdExactly) {
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.get","id":7})"),
            R"({"jsonrpc":"2.0","result":0,"id":7})");
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.get","id":"abc"})"),
            R"({"jsonrpc":"2.0","result":0,"id":"abc"})");
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.get","id":null})"),
            R"({"jsonrpc":"2.0","result":0,"id":null})");
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.get","id":2.5})"),
            R"({"jsonrpc":"2.0","result":0,"id":2.5})");
}

TEST_F(Fixture, PositionalAndNamedParamsReachTheBackend) {
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.add","params":[2],"id":1})"),
            R"({"jsonrpc":"2.0","result":2,"id":1})");
  EXPECT_EQ(*run(R"({"jsonrpc":"2.0","method":"counter.add","params":{"by":0.5},"id":1})"),
            R"({"jsonrpc":"2.0","result":2.5,"id":1})");
  EXPECT_EQ(backend->calls[1], R"(counter.add {"by":0.5})");
}

TEST_F(Fixture, NotificationRunsButAnswersNothing) {
  EXPECT_EQ(run(R"({"jsonrpc":"2.0","method":"counter.add","params":[1]})"), std::nullopt);
  EXPECT_EQ(backend->calls.size(), 1u);
  // Even a failing notification stays silent.
  EXPECT_EQ(run(R"({"jsonrpc":"2.0","method":"counter.nope"})"), std::nullopt);
  EXPECT_EQ(run(R"({"jsonrpc":"2.0","method":"nodots"})"), std::nullopt);
}

TEST_F(Fixture, ParseErrors) {
  for (const char* body : {"", "{", "not json", R"({"a":1,})", "[1,2"}) {
    const auto response = run_json(body);
    EXPECT_EQ(error_code(response), -32700) << body;
    EXPECT_TRUE(response.at("id").is_null());
    EXPECT_TRUE(response.at("error").at("data").is_string());
  }
}

TEST_F(Fixture, DeepNestingIsAParseErrorNotACrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(error_code(run_json(deep)), -32700);
  const std::string body = R"({"jsonrpc":"2.0","method":"counter.add","id":1,"params":)" +
                           std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_EQ(error_code(run_json(body)), -32700);
}

TEST_F(Fixture, InvalidRequests) {
  for (const char* body :
       {R"(1)", R"("x")", R"({"method":"counter.get","id":1})",
        R"({"jsonrpc":"1.0","method":"counter.get","id":1})",
        R"({"jsonrpc":"2.0","method":5,"id":1})", R"({"jsonrpc":"2.0","id":1})",
        R"({"jsonrpc":"2.0","method":"counter.get","params":3,"id":1})",
        R"({"jsonrpc":"2.0","method":"counter.get","id":{}})", R"([])"}) {
    const auto response = run_json(body);
    ASSERT_TRUE(response.is_object()) << body;
    EXPECT_EQ(error_code(response), -32600) << body;
    EXPECT_TRUE(response.at("error").at("data").is_string()) << body;
  }
  EXPECT_TRUE(backend->calls.empty());
  // A valid id is echoed even when the rest is wrong.
  EXPECT_EQ(run_json(R"({"jsonrpc":"1.0","method":"x.y","id":9})").at("id"), 9);
}

TEST_F(Fixture, MethodNotFoundNamesTheMethod) {
  for (const char* name : {"nodots", ".get", "counter.", "a..b"}) {
    const std::string body = std::string(R"({"jsonrpc":"2.0","id":1,"method":")") + name + "\"}";
    const auto response = run_json(body);
    EXPECT_EQ(error_code(response), -32601) << name;
    EXPECT_EQ(response.at("error").at("data"), name);
  }
  EXPECT_EQ(error_code(run_json(R"({"jsonrpc":"2.0","id":1,"method":"ghost.get"})")), -32601);
}

TEST_F(Fixture, BackendErrorsPassThroughWithData) {
  const auto invalid = run_json(R"({"jsonrpc":"2.0","id":1,"method":"counter.add","params":["x"]})");
  EXPECT_EQ(error_code(invalid), -32602);
  EXPECT_EQ(invalid.at("error").at("data"), "by");
  const auto thrown = run_json(R"({"jsonrpc":"2.0","id":1,"method":"counter.boom"})");
  EXPECT_EQ(error_code(thrown), -32000);
  EXPECT_EQ(thrown.at("error").at("data").at("error"), "boom");
}

TEST_F(Fixture, BatchMixesCallsInvalidRequestsAndNotifications) {
  const auto response = run_json(R"([
    {"jsonrpc":"2.0","method":"counter.add","params":[5],"id":"a"},
    {"jsonrpc":"2.0","method":"counter.add","params":[1]},
    1,
    {"jsonrpc":"2.0","method":"counter.get","id":"b"},
    {"foo":"bar"}
  ])");
  ASSERT_TRUE(response.is_array());
  const auto& items = response.as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].at("result"), 5);
  EXPECT_EQ(items[0].at("id"), "a");
  EXPECT_EQ(error_code(items[1]), -32600);
  EXPECT_EQ(items[2].at("result"), 6);
  EXPECT_EQ(error_code(items[3]), -32600);
}

TEST_F(Fixture, BatchOfNotificationsAnswersNothing) {
  EXPECT_EQ(run(R"([{"jsonrpc":"2.0","method":"counter.add","params":[1]},
                   {"jsonrpc":"2.0","method":"counter.add","params":[1]}])"),
            std::nullopt);
  EXPECT_EQ(backend->calls.size(), 2u);
}

TEST_F(Fixture, AnswersFromOtherThreads) {
  backend->answer_on_other_thread = true;
  const auto response = run_json(R"([{"jsonrpc":"2.0","method":"counter.add","params":[1],"id":1},
                                     {"jsonrpc":"2.0","method":"counter.get","id":2}])");
  EXPECT_EQ(response.as_array().size(), 2u);
}

TEST_F(Fixture, QualifiedNamesResolveInOnePlace) {
  // Own id (with dots) means local.
  EXPECT_EQ(run_json(R"({"jsonrpc":"2.0","id":1,"method":"self.node.counter.get"})").at("result"), 0);
  // A routable peer goes remote, carrying the hop count.
  EXPECT_EQ(run_json(R"({"jsonrpc":"2.0","id":1,"method":"peer1.svc.m"})").at("result"), "from remote");
  // Unknown node: -32001 with the node id.
  const auto unknown = run_json(R"({"jsonrpc":"2.0","id":1,"method":"other.x.counter.get"})");
  EXPECT_EQ(error_code(unknown), -32001);
  EXPECT_EQ(unknown.at("error").at("data"), "other.x");
  // Unqualified but only known remotely: forwarded.
  EXPECT_EQ(run_json(R"({"jsonrpc":"2.0","id":1,"method":"remote_only.m"})").at("result"), "from remote");
  EXPECT_EQ(backend->calls.back(), "remote remote_only.m");
}

TEST_F(Fixture, HopLimit) {
  auto within = run(R"({"jsonrpc":"2.0","id":1,"method":"peer1.svc.m"})", 3);
  EXPECT_EQ(backend->remote_hops, std::vector<int>{3});
  const auto past = json::parse(*run(R"({"jsonrpc":"2.0","id":1,"method":"peer1.svc.m"})", 9));
  EXPECT_EQ(error_code(past), -32001);
  EXPECT_TRUE(backend->local_hops.empty());
}

// A local call gets the request's hops too: its handler's own remote calls
// (message("node.server", ...)) continue the count instead of starting at 0.
TEST_F(Fixture, LocalCallsCarryTheHops) {
  run(R"({"jsonrpc":"2.0","id":1,"method":"counter.get"})");
  run(R"({"jsonrpc":"2.0","id":1,"method":"self.node.counter.get"})", 5);
  run(R"([{"jsonrpc":"2.0","id":1,"method":"counter.get"},{"jsonrpc":"2.0","method":"counter.add","params":[1]}])",
      8);
  EXPECT_EQ(backend->local_hops, (std::vector<int>{0, 5, 8, 8}));
  // Past the limit nothing runs, locally either.
  EXPECT_EQ(error_code(json::parse(*run(R"({"jsonrpc":"2.0","id":1,"method":"counter.get"})", 9))), -32001);
  EXPECT_EQ(backend->local_hops.size(), 4u);
}

TEST(ResolveMethod, Splits) {
  FakeBackend backend;
  auto t = resolve_method("a.b.c.d", "me", backend);
  EXPECT_EQ(t.kind, MethodTarget::Kind::remote_node);
  EXPECT_EQ(t.node, "a.b");
  EXPECT_EQ(t.server, "c");
  EXPECT_EQ(t.method, "d");
  EXPECT_EQ(resolve_method("counter.get", "me", backend).kind, MethodTarget::Kind::local);
  EXPECT_EQ(resolve_method("me.counter.get", "me", backend).kind, MethodTarget::Kind::local);
  EXPECT_EQ(resolve_method("x", "me", backend).kind, MethodTarget::Kind::invalid);
}

TEST(ResponseText, UsesTheProjectJsonWriter) {
  // Results converted from Relay values: shortest numbers, no fraction for
  // integers, RFC 3339 datetimes, escaped strings.
  json::object result;
  result["half"] = 6.5;
  result["three"] = relay::value_to_json(relay::Value::number(3));
  result["when"] = relay::value_to_json(relay::Value::datetime(1704110400000));
  result["text"] = "a\"b\n";
  EXPECT_EQ(rpc_response_text(1, RpcOutcome::success(result)),
            R"({"jsonrpc":"2.0","result":{"half":6.5,"three":3,"when":"2024-01-01T12:00:00.000Z","text":"a\"b\n"},"id":1})");
}

TEST(ResponseText, ErrorWithAndWithoutData) {
  EXPECT_EQ(rpc_response_text("x", RpcOutcome::failure(-32002, "Timeout", 1500)),
            R"({"jsonrpc":"2.0","error":{"code":-32002,"message":"Timeout","data":1500},"id":"x"})");
  EXPECT_EQ(rpc_response_text(nullptr, RpcOutcome::failure(-32000, "Application error")),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Application error"},"id":null})");
}

TEST(ResponseText, LargeIntegerIdsAreEchoedExactly) {
  EXPECT_EQ(rpc_response_text(json::parse("12345678901234567890"), RpcOutcome::success(nullptr)),
            R"({"jsonrpc":"2.0","result":null,"id":12345678901234567890})");
}
