// The `relay` command line (NODE_API.md §1), Go style: one or two dashes,
// `-flag value` or `-flag=value`, flags before or after the program file.
// Lives in relay_node (not the cli executable) so unit_node can test it;
// src/cli/options.h re-exports it for main.cpp.
#pragma once

#include <set>
#include <string>
#include <variant>

#include "lang/value.h"
#include "node/options.h"

namespace relay::node {

struct CliOptions {
  std::string file;          // the program; empty when none
  bool server = false;       // -server
  bool repl = false;         // -repl
  bool version = false;      // -version
  bool help = false;         // -help
  NodeOptions node;          // -host -port -advertise -node-id -add-peer ... with defaults
  std::set<std::string> given;  // node flags present on the command line, e.g. "port"
};

struct UsageError {
  std::string message;  // one line, without the usage text
};

// Never throws: a bad command line gives UsageError (main prints it with
// usage_text() to stderr and exits 2).
std::variant<CliOptions, UsageError> parse_command_line(int argc, const char* const argv[]);

std::string usage_text();

// Applies the program's `config { ... }` block (an object with any of host
// port advertise node_id peers discovery_interval call_timeout log_level) to
// `options`; flags given on the command line win. Peers from the config and
// -add-peer are combined. Durations may be strings ("10s") or numbers of
// milliseconds. Returns a UsageError for wrongly typed or unknown fields.
std::variant<std::monostate, UsageError> apply_config(CliOptions& options, const Value& config);

}  // namespace relay::node
