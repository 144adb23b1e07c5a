// GET /health and GET /info (NODE_API.md §2).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace relay::node {

class Router;

inline constexpr const char* kRelayVersion = "0.1.0";

// `server_names` lists the local servers (called on every request, any thread).
void install_status_routes(Router& router, std::string node_id,
                           std::function<std::vector<std::string>()> server_names);

// The bodies, exposed for tests.
std::string health_body(const std::string& node_id, std::size_t server_count);
std::string info_body(const std::string& node_id, const std::vector<std::string>& servers);

}  // namespace relay::node
