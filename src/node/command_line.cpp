#include "node/command_line.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <boost/program_options.hpp>

#include "lang/json.h"
#include "node/peer_address.h"

namespace relay::node {
namespace po = boost::program_options;
namespace {

po::options_description flag_descriptions() {
  po::options_description flags("Flags (one or two dashes; -flag value or -flag=value)");
  flags.add_options()
      ("server", po::bool_switch(), "start the HTTP node and serve until SIGINT/SIGTERM")
      ("repl", po::bool_switch(), "interactive REPL (FILE loaded first)")
      ("version", po::bool_switch(), "print the version and exit")
      ("help", po::bool_switch(), "print this help and exit")
      ("host", po::value<std::string>(), "address to bind (default 127.0.0.1)")
      ("port", po::value<std::string>(), "port, 0 = pick a free one (default 8080)")
      ("advertise", po::value<std::string>(), "node_address told to peers (default localhost:PORT)")
      ("node-id", po::value<std::string>(), "this node's id, [A-Za-z0-9_.-]{1,64} (default random)")
      ("add-peer", po::value<std::vector<std::string>>()->composing(),
       "peer URL (repeatable, comma-separated): http://host:port or host:port")
      ("disable-registry", po::bool_switch(), "no /registry* endpoints, no discovery")
      ("discovery-interval", po::value<std::string>(), "peer polling interval (default 30s)")
      ("call-timeout", po::value<std::string>(), "limit for one message/RPC (default 30s)")
      ("log-level", po::value<std::string>(), "debug info warn error (default info)");
  return flags;
}

constexpr int kStyle = po::command_line_style::allow_long |
                       po::command_line_style::long_allow_adjacent |
                       po::command_line_style::long_allow_next |
                       po::command_line_style::allow_long_disguise;

// Each setter validates one textual value and stores it; returns an error message or "".
std::string set_host(NodeOptions& o, const std::string& v) {
  if (v.empty()) return "-host must not be empty";
  o.host = v;
  return "";
}
std::string set_port(NodeOptions& o, const std::string& v) {
  const auto port = parse_port(v);
  if (!port) return "invalid -port '" + v + "': expected 0..65535";
  o.port = *port;
  return "";
}
std::string set_advertise(NodeOptions& o, const std::string& v) {
  if (v.empty()) return "-advertise must not be empty";
  o.advertise = v;
  return "";
}
std::string set_node_id(NodeOptions& o, const std::string& v) {
  if (!is_valid_node_id(v)) return "invalid -node-id '" + v + "': expected [A-Za-z0-9_.-]{1,64}";
  o.node_id = v;
  return "";
}
std::string set_duration(std::chrono::milliseconds& target, const char* flag, const std::string& v) {
  const auto d = parse_duration(v);
  if (!d || d->count() <= 0) {
    return std::string("invalid -") + flag + " '" + v + "': expected a duration like 500ms, 10s, 1m";
  }
  target = *d;
  return "";
}
std::string set_log_level(NodeOptions& o, const std::string& v) {
  const auto level = parse_log_level(v);
  if (!level) return "invalid -log-level '" + v + "': expected debug, info, warn or error";
  o.log_level = *level;
  return "";
}

// Applies one node flag given as text (command line or config string).
std::string set_node_flag(NodeOptions& o, const std::string& name, const std::string& v) {
  if (name == "host") return set_host(o, v);
  if (name == "port") return set_port(o, v);
  if (name == "advertise") return set_advertise(o, v);
  if (name == "node-id") return set_node_id(o, v);
  if (name == "discovery-interval") return set_duration(o.discovery_interval, "discovery-interval", v);
  if (name == "call-timeout") return set_duration(o.call_timeout, "call-timeout", v);
  if (name == "log-level") return set_log_level(o, v);
  return "unknown setting '" + name + "'";
}

// Returns an error message for a malformed address, else "".
std::string add_peers(NodeOptions& o, const std::vector<std::string>& values) {
  for (const auto& value : values) {
    for (auto& peer : split_list(value)) {
      if (!normalize_peer_address(peer)) {
        return "invalid peer address '" + peer + "': expected host:port or http://host:port";
      }
      if (std::find(o.peers.begin(), o.peers.end(), peer) == o.peers.end()) {
        o.peers.push_back(std::move(peer));
      }
    }
  }
  return "";
}

std::variant<CliOptions, UsageError> parse_or_throw(int argc, const char* const argv[]) {
  po::options_description visible = flag_descriptions();
  po::options_description all;
  all.add(visible).add_options()("file", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("file", -1);

  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv)
                .options(all)
                .positional(positional)
                .style(kStyle)
                .run(),
            vm);

  CliOptions cli;
  if (vm.count("file")) {
    const auto& files = vm["file"].as<std::vector<std::string>>();
    // Without short options, program_options passes an unknown "-flag" through as a positional.
    for (const auto& file : files) {
      if (file.size() > 1 && file[0] == '-') return UsageError{"unknown flag '" + file + "'"};
    }
    if (files.size() > 1) return UsageError{"more than one program file given: '" + files[1] + "'"};
    cli.file = files.front();
  }
  cli.server = vm["server"].as<bool>();
  cli.repl = vm["repl"].as<bool>();
  cli.version = vm["version"].as<bool>();
  cli.help = vm["help"].as<bool>();
  cli.node.disable_registry = vm["disable-registry"].as<bool>();
  if (cli.node.disable_registry) cli.given.insert("disable-registry");

  for (const char* name : {"host", "port", "advertise", "node-id", "discovery-interval",
                           "call-timeout", "log-level"}) {
    if (!vm.count(name)) continue;
    if (auto error = set_node_flag(cli.node, name, vm[name].as<std::string>()); !error.empty()) {
      return UsageError{error};
    }
    cli.given.insert(name);
  }
  if (vm.count("add-peer")) {
    if (auto error = add_peers(cli.node, vm["add-peer"].as<std::vector<std::string>>()); !error.empty()) {
      return UsageError{error};
    }
    cli.given.insert("add-peer");
  }
  return cli;
}

// Text form of a config value for the flag setters; numbers of ms for durations.
std::string config_text(const std::string& flag, const boost::json::value& v, std::string& error) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_number()) {
    const double n = v.to_number<double>();
    if (flag == "discovery-interval" || flag == "call-timeout") {
      return std::to_string(static_cast<long long>(std::llround(n))) + "ms";
    }
    if (n == std::floor(n)) return std::to_string(static_cast<long long>(n));
  }
  error = "config field '" + flag + "' has the wrong type";
  return "";
}

}  // namespace

std::variant<CliOptions, UsageError> parse_command_line(int argc, const char* const argv[]) {
  try {
    return parse_or_throw(argc, argv);
  } catch (const po::error& e) {
    return UsageError{e.what()};
  }
}

std::string usage_text() {
  std::ostringstream out;
  out << "usage:\n"
         "  relay [FILE.rl] [flags]     run a program; with -server keep serving it\n"
         "  relay -repl [FILE.rl]       interactive REPL (FILE loaded first)\n"
         "  relay -version | -help\n\n"
      << flag_descriptions();
  return out.str();
}

std::variant<std::monostate, UsageError> apply_config(CliOptions& options, const Value& config) {
  if (config.is_nil()) return std::monostate{};
  boost::json::value json;
  try {
    json = value_to_json(config);
  } catch (const std::exception& e) {
    return UsageError{std::string("config: ") + e.what()};
  }
  if (!json.is_object()) return UsageError{"config must be an object"};

  for (const auto& [key, value] : json.as_object()) {
    std::string flag(key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    if (flag == "peers") {
      std::vector<std::string> peers;
      if (value.is_string()) {
        peers.emplace_back(value.as_string());
      } else if (value.is_array()) {
        for (const auto& item : value.as_array()) {
          if (!item.is_string()) return UsageError{"config field 'peers' must hold strings"};
          peers.emplace_back(item.as_string());
        }
      } else {
        return UsageError{"config field 'peers' must be a string or an array of strings"};
      }
      // Config peers first, then the ones from -add-peer.
      NodeOptions merged;
      if (auto error = add_peers(merged, peers); !error.empty()) return UsageError{"config: " + error};
      add_peers(merged, options.node.peers);
      options.node.peers = std::move(merged.peers);
      continue;
    }
    if (options.given.count(flag)) continue;  // the flag wins
    std::string error;
    const std::string text = config_text(flag, value, error);
    if (error.empty()) error = set_node_flag(options.node, flag, text);
    if (!error.empty()) return UsageError{"config: " + error};
  }
  return std::monostate{};
}

}  // namespace relay::node
