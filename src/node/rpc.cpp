#include "node/rpc.h"

#include <atomic>
#include <charconv>
#include <cstddef>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "lang/json.h"
#include "node/log.h"
#include "node/router.h"

namespace relay::node {
namespace json = boost::json;

RpcOutcome RpcOutcome::success(json::value result) {
  RpcOutcome outcome;
  outcome.ok = true;
  outcome.result = std::move(result);
  return outcome;
}

RpcOutcome RpcOutcome::failure(int code, std::string message, json::value data) {
  RpcOutcome outcome;
  outcome.error = RpcError{code, std::move(message), std::move(data)};
  return outcome;
}

namespace {

// The stack arena a request's JSON is parsed into; larger requests continue
// in heap blocks of the same arena.
constexpr std::size_t kRequestArenaBytes = 4096;

// The id members JSON-RPC allows; anything else makes the request invalid.
bool is_valid_id(const json::value& id) {
  return id.is_string() || id.is_number() || id.is_null();
}

RpcOutcome invalid_request(std::string what) {
  return RpcOutcome::failure(rpc_code::invalid_request, "Invalid Request", json::string(what));
}

// Parses "1", "8"; anything else counts as 0 hops.
int parse_hops(std::string_view text) {
  int hops = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), hops);
  return (ec == std::errc() && end == text.data() + text.size() && hops > 0) ? hops : 0;
}

}  // namespace

std::string rpc_response_text(const json::value& id, const RpcOutcome& outcome) {
  std::string out;
  out.reserve(64);
  out += R"({"jsonrpc":"2.0",)";
  if (outcome.ok) {
    out += R"("result":)";
    write_json(outcome.result, out);
  } else {
    out += R"("error":{"code":)";
    out += std::to_string(outcome.error.code);
    out += R"(,"message":)";
    append_json_string(outcome.error.message, out);
    if (!outcome.error.data.is_null()) {
      out += R"(,"data":)";
      write_json(outcome.error.data, out);
    }
    out += '}';
  }
  out += R"(,"id":)";
  write_json(id, out);
  out += '}';
  return out;
}

MethodTarget resolve_method(std::string_view name, std::string_view own_node_id,
                            const RpcBackend& backend) {
  MethodTarget target;
  const std::size_t last_dot = name.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0 || last_dot + 1 == name.size()) {
    return target;  // invalid: not "server.method"
  }
  target.method = std::string(name.substr(last_dot + 1));
  const std::string_view qualifier = name.substr(0, last_dot);  // "server" or "node.server"
  const std::size_t server_dot = qualifier.rfind('.');
  if (server_dot == std::string_view::npos) {
    target.server = std::string(qualifier);
    const bool local = backend.has_local_server(target.server);
    target.kind = (local || !backend.can_route(target.server)) ? MethodTarget::Kind::local
                                                               : MethodTarget::Kind::remote_server;
    return target;
  }
  if (server_dot == 0 || server_dot + 1 == qualifier.size()) return target;
  target.server = std::string(qualifier.substr(server_dot + 1));
  target.node = std::string(qualifier.substr(0, server_dot));
  target.kind = target.node == own_node_id ? MethodTarget::Kind::local
                                           : MethodTarget::Kind::remote_node;
  return target;
}

// Collects the answers of one batch in request order; the last call to
// finish assembles the array.
struct RpcEndpoint::Batch {
  std::vector<std::optional<std::string>> answers;
  std::atomic<std::size_t> remaining;
  BodyDone done;

  Batch(std::size_t size, BodyDone on_done)
      : answers(size), remaining(size), done(std::move(on_done)) {}

  void finish_one(std::size_t index, std::optional<std::string> answer) {
    answers[index] = std::move(answer);
    if (remaining.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    std::string out = "[";
    for (auto& item : answers) {
      if (!item) continue;
      if (out.size() > 1) out += ',';
      out += *item;
    }
    out += ']';
    // A batch of notifications only returns nothing at all.
    done(out.size() > 2 ? std::optional<std::string>(std::move(out)) : std::nullopt);
  }
};

RpcEndpoint::RpcEndpoint(std::string node_id, std::shared_ptr<RpcBackend> backend)
    : node_id_(std::move(node_id)), backend_(std::move(backend)) {}

void RpcEndpoint::handle(std::string_view body, int hops, BodyDone done) const {
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;  // deeper nesting is a parse error, never a stack overflow
  // The request's DOM lives in an arena, on the stack while it fits: no
  // allocation per JSON node and nothing to free node by node. It is gone when
  // handle() returns, so what outlives the call (ids, forwarded params) is
  // copied out with the default storage (see RpcBackend::call_local).
  alignas(std::max_align_t) unsigned char arena_bytes[kRequestArenaBytes];
  json::monotonic_resource arena(arena_bytes, sizeof arena_bytes);
  json::error_code ec;
  json::value request = json::parse(body, ec, &arena, options);
  if (ec) {
    const auto outcome = RpcOutcome::failure(rpc_code::parse_error, "Parse error",
                                             json::string(ec.message()));
    done(rpc_response_text(nullptr, outcome));
    return;
  }
  if (hops > kMaxRelayHops) {
    const auto outcome = RpcOutcome::failure(rpc_code::node_unavailable,
                                             "Too many hops (forwarding loop?)", hops);
    done(rpc_response_text(nullptr, outcome));
    return;
  }
  if (!request.is_array()) {
    dispatch(request, hops, std::move(done));
    return;
  }
  const auto& items = request.as_array();
  if (items.empty()) {
    done(rpc_response_text(nullptr, invalid_request("empty batch")));
    return;
  }
  auto batch = std::make_shared<Batch>(items.size(), std::move(done));
  for (std::size_t i = 0; i < items.size(); ++i) {
    dispatch(items[i], hops, [batch, i](std::optional<std::string> answer) {
      batch->finish_one(i, std::move(answer));
    });
  }
}

void RpcEndpoint::dispatch(const json::value& request, int hops,
                           std::function<void(std::optional<std::string>)> done) const {
  const json::object* object = request.if_object();
  if (!object) {
    done(rpc_response_text(nullptr, invalid_request("request must be an object")));
    return;
  }
  const json::value* id_member = object->if_contains("id");
  const bool notification = id_member == nullptr;
  // A copy in the default storage: the request's arena is gone when the answer comes.
  json::value id = id_member && is_valid_id(*id_member) ? json::value(*id_member, json::storage_ptr())
                                                        : json::value(nullptr);

  auto reject = [&](std::string what) { done(rpc_response_text(id, invalid_request(std::move(what)))); };
  if (id_member && !is_valid_id(*id_member)) return reject("id must be a string, number or null");
  const json::value* version = object->if_contains("jsonrpc");
  if (!version || !version->is_string() || version->as_string() != "2.0") {
    return reject("jsonrpc must be \"2.0\"");
  }
  const json::value* method = object->if_contains("method");
  if (!method || !method->is_string()) return reject("method must be a string");
  const json::value* params = object->if_contains("params");
  if (params && !params->is_array() && !params->is_object()) {
    return reject("params must be an array or an object");
  }

  const std::string_view name = method->as_string();
  const MethodTarget target = resolve_method(name, node_id_, *backend_);
  if (target.kind == MethodTarget::Kind::invalid) {
    const auto outcome = RpcOutcome::failure(rpc_code::method_not_found, "Method not found",
                                             json::string(name));
    done(notification ? std::nullopt : std::optional(rpc_response_text(id, outcome)));
    return;
  }
  log_debug("rpc call", "method", name);
  call(target, params ? *params : json::value(nullptr), hops,
       [notification, id = std::move(id), done = std::move(done)](RpcOutcome outcome) {
         if (notification) return done(std::nullopt);
         done(rpc_response_text(id, outcome));
       });
}

void RpcEndpoint::call(const MethodTarget& target, const json::value& params, int hops,
                       RpcDone done) const {
  switch (target.kind) {
    case MethodTarget::Kind::local:
      backend_->call_local(target.server, target.method, params, hops, std::move(done));
      return;
    case MethodTarget::Kind::remote_server:
      backend_->call_remote(target.server, target.method, json::value(params, json::storage_ptr()),
                            hops, std::move(done));
      return;
    case MethodTarget::Kind::remote_node: {
      const std::string qualified = target.node + "." + target.server;
      if (!backend_->can_route(qualified)) {
        done(RpcOutcome::failure(rpc_code::node_unavailable, "Unknown or unreachable node",
                                 json::string(target.node)));
        return;
      }
      backend_->call_remote(qualified, target.method, json::value(params, json::storage_ptr()), hops,
                            std::move(done));
      return;
    }
    case MethodTarget::Kind::invalid:
      break;
  }
  done(RpcOutcome::failure(rpc_code::method_not_found, "Method not found"));
}

void RpcEndpoint::install(Router& router) const {
  router.add("POST", "/rpc", [this](const Request& request, Responder respond) {
    const int hops = parse_hops(request.header("X-Relay-Hops"));
    handle(request.body, hops, [respond = std::move(respond)](std::optional<std::string> body) {
      if (!body) {
        Response none;
        none.status = 204;
        respond(std::move(none));
        return;
      }
      respond(Response::json(200, std::move(*body)));
    });
  });
}

}  // namespace relay::node
