#include "node/status.h"

#include <chrono>

#include <boost/json/value.hpp>

#include "lang/json.h"
#include "node/router.h"

namespace relay::node {

std::string health_body(const std::string& node_id, std::size_t server_count) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  boost::json::object body;
  body["status"] = "healthy";
  body["node_id"] = node_id;
  body["timestamp"] = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  body["servers"] = server_count;
  return to_json_string(body);
}

std::string info_body(const std::string& node_id, const std::vector<std::string>& servers) {
  boost::json::object body;
  body["relay_version"] = kRelayVersion;
  body["node_id"] = node_id;
  boost::json::array names;
  for (const auto& name : servers) names.emplace_back(name);
  body["servers"] = std::move(names);
  body["endpoints"] = {{"rpc", "/rpc"}, {"health", "/health"}, {"info", "/info"},
                       {"registry", "/registry"}};
  body["jsonrpc_version"] = "2.0";
  return to_json_string(body);
}

void install_status_routes(Router& router, std::string node_id,
                           std::function<std::vector<std::string>()> server_names) {
  router.add("GET", "/health", [node_id, server_names](const Request&, Responder respond) {
    respond(Response::json(200, health_body(node_id, server_names().size())));
  });
  router.add("GET", "/info", [node_id, server_names](const Request&, Responder respond) {
    respond(Response::json(200, info_body(node_id, server_names())));
  });
}

}  // namespace relay::node
