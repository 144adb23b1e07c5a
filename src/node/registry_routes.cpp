// GET /registry, /registry/servers, /registry/peers, /registry/health,
// POST /registry/peers/add, DELETE /registry/peers/remove (NODE_API.md §2).
#include <functional>
#include <optional>
#include <variant>

#include <boost/json/parse.hpp>

#include "lang/json.h"
#include "node/log.h"
#include "node/registry_service.h"
#include "node/router.h"

namespace relay::node {
namespace json = boost::json;

namespace {

Response ok_json(const json::object& body) { return Response::json(200, to_json_string(body)); }

Response success(const std::string& message) {
  return ok_json(json::object{{"status", "success"}, {"message", message}});
}

// The body as a JSON object, or the 400 answer explaining why not.
std::variant<json::object, Response> object_body(const Request& request) {
  json::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return Response::error(400, "invalid JSON body: " + ec.message());
  if (!body.is_object()) return Response::error(400, "body must be a JSON object");
  return std::move(body.as_object());
}

// A non-empty string member, or nullopt.
std::optional<std::string> required_string(const json::object& body, std::string_view name) {
  const json::value* member = body.if_contains(name);
  if (!member || !member->is_string() || member->as_string().empty()) return std::nullopt;
  return std::string(member->as_string());
}

Response add_peer(Registry& registry, const Request& request,
                  const std::function<void(const Registry::PollTicket&)>& poll_now) {
  auto parsed = object_body(request);
  if (auto* error = std::get_if<Response>(&parsed)) return std::move(*error);
  const auto& body = std::get<json::object>(parsed);
  const auto id = required_string(body, "node_id");
  if (!id) return Response::error(400, "node_id is required (a non-empty string)");
  const auto address = required_string(body, "address");
  if (!address) return Response::error(400, "address is required (host:port or http://host:port)");

  const auto result = registry.add_peer(*id, *address);
  switch (result.status) {
    case Registry::AddStatus::invalid_id:
      return Response::error(400, "invalid node_id '" + *id + "': expected [A-Za-z0-9_.-]{1,64}");
    case Registry::AddStatus::invalid_address:
      return Response::error(400, "invalid address '" + *address +
                                      "': expected host:port or http://host:port");
    case Registry::AddStatus::own_id:
      return Response::error(400, "node_id '" + *id + "' is this node's own id");
    case Registry::AddStatus::added:
    case Registry::AddStatus::updated:
      break;
  }
  log_info(result.status == Registry::AddStatus::added ? "peer added" : "peer updated", "peer", *id,
           "address", result.address);
  if (result.poll) poll_now(*result.poll);
  return success("Peer " + *id + " added successfully");
}

Response remove_peer(Registry& registry, const Request& request) {
  auto parsed = object_body(request);
  if (auto* error = std::get_if<Response>(&parsed)) return std::move(*error);
  const auto id = required_string(std::get<json::object>(parsed), "node_id");
  if (!id) return Response::error(400, "node_id is required (a non-empty string)");
  if (!registry.remove_peer(*id)) return Response::error(404, "peer '" + *id + "' not found");
  log_info("peer removed", "peer", *id);
  return success("Peer " + *id + " removed successfully");
}

}  // namespace

void install_registry_routes(Router& router, std::shared_ptr<Registry> registry,
                             std::function<void(const Registry::PollTicket&)> poll_now) {
  router.add("GET", "/registry", [registry](const Request&, Responder respond) {
    respond(Response::json(200, registry->registry_json()));
  });
  router.add("GET", "/registry/servers", [registry](const Request&, Responder respond) {
    respond(Response::json(200, registry->servers_json()));
  });
  router.add("GET", "/registry/peers", [registry](const Request&, Responder respond) {
    respond(Response::json(200, registry->peers_json()));
  });
  router.add("GET", "/registry/health", [registry](const Request&, Responder respond) {
    respond(Response::json(200, registry->health_json()));
  });
  router.add("POST", "/registry/peers/add",
             [registry, poll_now = std::move(poll_now)](const Request& request, Responder respond) {
               respond(add_peer(*registry, request, poll_now));
             });
  router.add("DELETE", "/registry/peers/remove", [registry](const Request& request, Responder respond) {
    respond(remove_peer(*registry, request));
  });
}

}  // namespace relay::node
