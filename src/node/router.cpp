#include "node/router.h"

#include <algorithm>
#include <strings.h>

#include "lang/json.h"

namespace relay::node {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::error(int status, std::string_view message) {
  boost::json::object body;
  body["error"] = message;
  return json(status, to_json_string(body));
}

void Router::add(std::string method, std::string path, Handler handler) {
  // A later registration for the same method and path replaces the earlier one.
  for (auto& route : routes_) {
    if (route.method == method && route.path == path) {
      route.handler = std::move(handler);
      return;
    }
  }
  routes_.push_back(Route{std::move(method), std::move(path), std::move(handler)});
}

const Handler* Router::find(std::string_view method, std::string_view path,
                            std::vector<std::string>& allowed) const {
  allowed.clear();
  for (const auto& route : routes_) {
    if (route.path != path) continue;
    if (route.method == method) return &route.handler;
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.push_back(route.method);
    }
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> Router::endpoints() const {
  std::vector<std::pair<std::string, std::string>> list;
  list.reserve(routes_.size());
  for (const auto& route : routes_) list.emplace_back(route.method, route.path);
  return list;
}

}  // namespace relay::node
