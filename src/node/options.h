// Settings of one HTTP node (NODE_API.md §1) and the small parsers they need.
// Kept free of Boost.Asio/Beast: the CLI, the registry and tests include it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/log.h"

namespace relay::node {

struct NodeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                 // 0 = pick a free port
  std::string advertise;                // empty: derived from host and port, see advertise_for()
  std::string node_id;                  // empty: 16 random hex characters
  std::vector<std::string> peers;       // as given: "http://host:port" or "host:port"
  std::chrono::milliseconds discovery_interval{30'000};
  std::chrono::milliseconds call_timeout{30'000};
  LogLevel log_level = LogLevel::info;
  bool disable_registry = false;

  // Server tuning (not command-line flags). I/O threads also run the
  // JSON-RPC handlers of idle servers; see docs/NODE.md "I/O threads" for
  // why 1 (more are started while handlers hold them).
  int io_threads = 1;
  std::size_t body_limit = 1024 * 1024;            // larger bodies get 413
  std::size_t header_limit = 16 * 1024;            // larger header blocks get 431
  std::chrono::milliseconds request_timeout{30'000};  // to receive one whole request
  std::chrono::milliseconds idle_timeout{60'000};     // keep-alive connection without a request
  std::chrono::milliseconds shutdown_grace{4'000};    // in-flight requests may finish within this
};

// "500ms" "10s" "1m" "1h" "1.5s", or a bare number of seconds ("30").
// nullopt for anything else, negatives included.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// "1m30s" style is not needed; prints "500ms", "30s", "2m", "1h" (shortest exact form).
std::string format_duration(std::chrono::milliseconds d);

// [A-Za-z0-9_.-]{1,64}
bool is_valid_node_id(std::string_view id);

// 16 random lower-case hex characters.
std::string random_node_id();

// 0..65535 in decimal; nullopt otherwise.
std::optional<uint16_t> parse_port(std::string_view text);

// The default -advertise: "localhost:PORT" for loopback or wildcard binds
// (127.x, ::1, localhost, 0.0.0.0, ::, empty), else "HOST:PORT".
std::string advertise_for(std::string_view host, uint16_t port);

// Splits "a,b , c" into {"a","b","c"} (empty pieces dropped).
std::vector<std::string> split_list(std::string_view text);

}  // namespace relay::node
