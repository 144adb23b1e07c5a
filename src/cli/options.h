// The command line of `relay` (NODE_API.md §1). The parser lives in relay_node
// (node/command_line.h) so that unit_node tests it; this header gives main.cpp
// the names in the cli namespace.
//
//   auto parsed = relay::cli::parse_command_line(argc, argv);
//   if (auto* err = std::get_if<relay::cli::UsageError>(&parsed)) {
//     std::cerr << "relay: " << err->message << "\n" << relay::cli::usage_text(); return 2;
//   }
//   auto& opts = std::get<relay::cli::CliOptions>(parsed);
//   ... run the program, then relay::cli::apply_config(opts, config_value) (flags win)
//   ... with -server: relay::node::Node node(opts.node, runtime); node.start(); return node.run();
#pragma once

#include "node/command_line.h"

namespace relay::cli {
using node::apply_config;
using node::CliOptions;
using node::parse_command_line;
using node::usage_text;
using node::UsageError;
}  // namespace relay::cli
