// Peer addresses (NODE_API.md §1 -add-peer, §2 POST /registry/peers/add):
// "host:port" or "http://host:port" (a trailing "/" allowed), normalised to
// "host:port". Kept apart from the registry so the client and tests share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relay::node {

struct HostPort {
  std::string host;  // IPv6 without brackets
  uint16_t port = 0;
};

// "host:port", "http://host:port" or "http://host:port/" -> "host:port".
// host: a DNS name or IPv4 address ([A-Za-z0-9.-], not starting or ending with
// '-' or '.') or a bracketed IPv6 address; port 1..65535. nullopt otherwise
// (other schemes, paths, user info, empty parts).
std::optional<std::string> normalize_peer_address(std::string_view text);

// Splits a normalised address; nullopt when it is not one.
std::optional<HostPort> split_host_port(std::string_view address);

}  // namespace relay::node
