// Command-line and option parsing (NODE_API.md §1).
#include <gtest/gtest.h>

#include <vector>

#include "lang/json.h"
#include "lang/value.h"
#include "node/command_line.h"
#include "node/options.h"

using namespace relay::node;
using namespace std::chrono_literals;

namespace {

std::variant<CliOptions, UsageError> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "relay");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

CliOptions parse_ok(std::vector<const char*> args) {
  auto result = parse(std::move(args));
  if (auto* error = std::get_if<UsageError>(&result)) {
    ADD_FAILURE() << "unexpected usage error: " << error->message;
    return {};
  }
  return std::get<CliOptions>(result);
}

std::string parse_error(std::vector<const char*> args) {
  auto result = parse(std::move(args));
  if (auto* error = std::get_if<UsageError>(&result)) return error->message;
  ADD_FAILURE() << "expected a usage error";
  return "";
}

}  // namespace

TEST(Duration, ParsesUnitsAndBareSeconds) {
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("10s"), 10s);
  EXPECT_EQ(parse_duration("1m"), 60s);
  EXPECT_EQ(parse_duration("1h"), 3600s);
  EXPECT_EQ(parse_duration("1.5s"), 1500ms);
  EXPECT_EQ(parse_duration("30"), 30s);
}

TEST(Duration, RejectsGarbage) {
  for (const char* bad : {"", "s", "ms", "10x", "-1s", "1 s", "abc", "1.2.3s", "."}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(Duration, FormatsShortest) {
  EXPECT_EQ(format_duration(500ms), "500ms");
  EXPECT_EQ(format_duration(30s), "30s");
  EXPECT_EQ(format_duration(120s), "2m");
  EXPECT_EQ(format_duration(3600s), "1h");
  EXPECT_EQ(format_duration(1500ms), "1500ms");
}

TEST(NodeId, Validation) {
  EXPECT_TRUE(is_valid_node_id("node-1.a_B"));
  EXPECT_TRUE(is_valid_node_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_node_id(""));
  EXPECT_FALSE(is_valid_node_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_node_id("has space"));
  EXPECT_FALSE(is_valid_node_id("slash/no"));
}

TEST(NodeId, RandomIsSixteenHex) {
  const std::string a = random_node_id();
  const std::string b = random_node_id();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(Advertise, LoopbackAndWildcardBecomeLocalhost) {
  EXPECT_EQ(advertise_for("127.0.0.1", 8080), "localhost:8080");
  EXPECT_EQ(advertise_for("0.0.0.0", 81), "localhost:81");
  EXPECT_EQ(advertise_for("::1", 81), "localhost:81");
  EXPECT_EQ(advertise_for("10.1.2.3", 9000), "10.1.2.3:9000");
  EXPECT_EQ(advertise_for("fe80::1", 9000), "[fe80::1]:9000");
}

TEST(Port, Range) {
  EXPECT_EQ(parse_port("0"), 0);
  EXPECT_EQ(parse_port("65535"), 65535);
  EXPECT_FALSE(parse_port("65536"));
  EXPECT_FALSE(parse_port("-1"));
  EXPECT_FALSE(parse_port("80a"));
  EXPECT_FALSE(parse_port(""));
}

TEST(CommandLine, Defaults) {
  const CliOptions o = parse_ok({});
  EXPECT_TRUE(o.file.empty());
  EXPECT_FALSE(o.server);
  EXPECT_EQ(o.node.host, "127.0.0.1");
  EXPECT_EQ(o.node.port, 8080);
  EXPECT_EQ(o.node.discovery_interval, 30s);
  EXPECT_EQ(o.node.call_timeout, 30s);
  EXPECT_EQ(o.node.log_level, LogLevel::info);
  EXPECT_FALSE(o.node.disable_registry);
  EXPECT_TRUE(o.given.empty());
}

TEST(CommandLine, FlagsAfterTheFileWithOneOrTwoDashes) {
  const CliOptions o = parse_ok({"blog.rl", "-server", "-port", "8081"});
  EXPECT_EQ(o.file, "blog.rl");
  EXPECT_TRUE(o.server);
  EXPECT_EQ(o.node.port, 8081);

  EXPECT_EQ(parse_ok({"--port=9001", "x.rl"}).node.port, 9001);
  EXPECT_EQ(parse_ok({"-port=9002"}).node.port, 9002);
  EXPECT_EQ(parse_ok({"--port", "9003"}).node.port, 9003);
}

TEST(CommandLine, AllNodeFlags) {
  const CliOptions o = parse_ok({"-host", "0.0.0.0", "-advertise=example.org:80", "--node-id",
                                 "n.1", "-disable-registry", "-discovery-interval", "500ms",
                                 "-call-timeout=1m", "-log-level", "debug", "-repl", "-version",
                                 "-help"});
  EXPECT_EQ(o.node.host, "0.0.0.0");
  EXPECT_EQ(o.node.advertise, "example.org:80");
  EXPECT_EQ(o.node.node_id, "n.1");
  EXPECT_TRUE(o.node.disable_registry);
  EXPECT_EQ(o.node.discovery_interval, 500ms);
  EXPECT_EQ(o.node.call_timeout, 60s);
  EXPECT_EQ(o.node.log_level, LogLevel::debug);
  EXPECT_TRUE(o.repl);
  EXPECT_TRUE(o.version);
  EXPECT_TRUE(o.help);
  EXPECT_EQ(o.given.count("host"), 1u);
  EXPECT_EQ(o.given.count("port"), 0u);
}

TEST(CommandLine, AddPeerIsRepeatableAndCommaSeparated) {
  const CliOptions o = parse_ok({"-add-peer", "http://a:1,b:2", "--add-peer=c:3", "-add-peer",
                                 "b:2"});
  EXPECT_EQ(o.node.peers, (std::vector<std::string>{"http://a:1", "b:2", "c:3"}));
}

TEST(CommandLine, UsageErrors) {
  EXPECT_NE(parse_error({"-port", "99999"}).find("port"), std::string::npos);
  EXPECT_NE(parse_error({"-port", "abc"}).find("port"), std::string::npos);
  EXPECT_NE(parse_error({"-node-id", "bad id"}).find("node-id"), std::string::npos);
  EXPECT_NE(parse_error({"-call-timeout", "soon"}).find("call-timeout"), std::string::npos);
  EXPECT_NE(parse_error({"-discovery-interval", "0s"}).find("discovery-interval"),
            std::string::npos);
  EXPECT_NE(parse_error({"-log-level", "loud"}).find("log-level"), std::string::npos);
  EXPECT_FALSE(parse_error({"-no-such-flag"}).empty());
  EXPECT_FALSE(parse_error({"-port"}).empty());
  EXPECT_NE(parse_error({"a.rl", "b.rl"}).find("more than one"), std::string::npos);
}

TEST(CommandLine, UsageTextListsFlags) {
  const std::string usage = usage_text();
  for (const char* flag : {"server", "host", "port", "advertise", "node-id", "add-peer",
                           "disable-registry", "discovery-interval", "call-timeout", "log-level"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
}

namespace {
relay::Value config_object(const char* json_text) { return relay::json_decode(json_text); }
}  // namespace

TEST(Config, AppliesValuesFlagsWin) {
  CliOptions o = parse_ok({"-port", "9000", "-add-peer", "z:9"});
  const auto result = apply_config(
      o, config_object(R"({"host":"0.0.0.0","port":1234,"node_id":"cfg","peers":["a:1","z:9"],
                           "discovery_interval":"10s","call_timeout":2500})"));
  ASSERT_TRUE(std::holds_alternative<std::monostate>(result));
  EXPECT_EQ(o.node.port, 9000);  // flag wins
  EXPECT_EQ(o.node.host, "0.0.0.0");
  EXPECT_EQ(o.node.node_id, "cfg");
  EXPECT_EQ(o.node.discovery_interval, 10s);
  EXPECT_EQ(o.node.call_timeout, 2500ms);
  EXPECT_EQ(o.node.peers, (std::vector<std::string>{"a:1", "z:9"}));
}

TEST(Config, RejectsBadValues) {
  CliOptions o = parse_ok({});
  EXPECT_TRUE(std::holds_alternative<UsageError>(apply_config(o, config_object(R"({"port":"x"})"))));
  EXPECT_TRUE(std::holds_alternative<UsageError>(apply_config(o, config_object(R"({"port":true})"))));
  EXPECT_TRUE(std::holds_alternative<UsageError>(apply_config(o, config_object(R"({"colour":1})"))));
  EXPECT_TRUE(std::holds_alternative<UsageError>(apply_config(o, config_object(R"([1])"))));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(apply_config(o, relay::Value())));
}
