#include "node/remote_router.h"

#include <boost/json/parse.hpp>

#include "lang/json.h"
#include "node/log.h"

namespace relay::node {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// One remote call: its candidates, and where it stands.
struct RemoteRouter::Call {
  uint64_t id = 0;
  std::string target;  // as asked: "node.server" or "server"
  std::string server;
  std::string method;
  json::value params;
  int hops = 0;
  Clock::time_point deadline;
  std::vector<Registry::Route> routes;
  std::size_t tried = 0;
  std::string node;  // for -32001 data: the node asked for, or the last peer tried
  actors::CallDone done;
  std::atomic<bool> finished{false};
};

namespace {

actors::CallOutcome failure(int code, std::string message, json::value data) {
  actors::CallOutcome outcome;
  outcome.code = code;
  outcome.message = std::move(message);
  outcome.data = std::move(data);
  return outcome;
}

actors::CallOutcome unavailable(std::string message, const std::string& node) {
  return failure(rpc_code::node_unavailable, std::move(message), json::string(node));
}

// The request a peer receives. The method is qualified with the id the peer
// reports for itself, so the peer runs it locally and never forwards it on.
std::string forwarded_request(const std::string& node_id, const std::string& server,
                              const std::string& method, const json::value& params) {
  json::object request;
  request["jsonrpc"] = "2.0";
  request["method"] = node_id + "." + server + "." + method;
  if (!params.is_null()) request["params"] = params;
  request["id"] = 1;
  return to_json_string(request);
}

}  // namespace

std::vector<Registry::Route> round_robin_order(std::vector<Registry::Route> routes, uint64_t turn) {
  if (routes.size() > 1) {
    const auto first = routes.begin() + static_cast<std::ptrdiff_t>(turn % routes.size());
    std::rotate(routes.begin(), first, routes.end());
  }
  return routes;
}

std::optional<actors::CallOutcome> parse_rpc_answer(std::string_view body) {
  json::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  json::object& answer = parsed.as_object();
  if (json::value* result = answer.if_contains("result")) {
    actors::CallOutcome outcome;
    outcome.ok = true;
    outcome.result = std::move(*result);
    return outcome;
  }
  const json::value* error = answer.if_contains("error");
  if (!error || !error->is_object()) return std::nullopt;
  const json::object& fields = error->as_object();
  const json::value* code = fields.if_contains("code");
  const json::value* message = fields.if_contains("message");
  if (!code || !message || !message->is_string()) return std::nullopt;
  json::error_code number_ec;
  const int number = code->to_number<int>(number_ec);  // fails for non-numbers, fractions, out of range
  if (number_ec) return std::nullopt;
  const json::value* data = fields.if_contains("data");
  return failure(number, std::string(message->as_string()), data ? *data : json::value(nullptr));
}

RpcOutcome to_rpc_outcome(actors::CallOutcome outcome) {
  if (outcome.ok) return RpcOutcome::success(std::move(outcome.result));
  return RpcOutcome::failure(outcome.code, std::move(outcome.message), std::move(outcome.data));
}

bool RoutedBackend::can_route(std::string_view target) const {
  actors::RemoteCaller* remote = remote_.load();
  return remote && remote->can_route(target);
}

void RoutedBackend::call_remote(std::string target, std::string method, json::value params, int hops,
                                RpcDone done) {
  actors::RemoteCaller* remote = remote_.load();
  if (!remote) {
    done(RpcOutcome::failure(rpc_code::node_unavailable, "Remote calls are disabled", json::string(target)));
    return;
  }
  remote->call_remote(std::move(target), std::move(method), std::move(params), hops,
                      [done = std::move(done)](actors::CallOutcome outcome) {
                        done(to_rpc_outcome(std::move(outcome)));
                      });
}

RemoteRouter::RemoteRouter(std::shared_ptr<Registry> registry, std::shared_ptr<PeerClient> client,
                           std::chrono::milliseconds call_timeout)
    : registry_(std::move(registry)), client_(std::move(client)), call_timeout_(call_timeout) {}

bool RemoteRouter::can_route(std::string_view target) const {
  if (target.find('.') != std::string_view::npos) return true;
  return registry_->any_route_to_server(target);
}

std::size_t RemoteRouter::pending_calls() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

std::vector<Registry::Route> RemoteRouter::candidates(std::string_view server) {
  auto routes = registry_->routes_to_server(server);
  uint64_t turn = 0;
  {
    std::lock_guard lock(mutex_);
    turn = turns_[std::string(server)]++;
  }
  return round_robin_order(std::move(routes), turn);
}

void RemoteRouter::call_remote(std::string target, std::string method, json::value params, int hops,
                               actors::CallDone done) {
  auto call = std::make_shared<Call>();
  call->target = std::move(target);
  call->method = std::move(method);
  call->params = std::move(params);
  call->hops = hops;
  call->deadline = Clock::now() + call_timeout_;
  call->done = std::move(done);
  {
    std::lock_guard lock(mutex_);
    call->id = next_call_id_++;
    pending_.emplace(call->id, call);
  }
  if (stopped_) return finish(call, unavailable("Node is stopping", call->target));
  if (hops >= kMaxRelayHops) {
    return finish(call, failure(rpc_code::node_unavailable, "Too many hops (forwarding loop?)", hops + 1));
  }
  const std::size_t dot = call->target.rfind('.');
  if (dot == std::string::npos) {
    call->server = call->target;
    call->routes = candidates(call->server);
    if (call->routes.empty()) {
      return finish(call, failure(rpc_code::method_not_found, "Method not found",
                                  json::string(call->server + "." + call->method)));
    }
  } else {
    call->server = call->target.substr(dot + 1);
    call->node = call->target.substr(0, dot);
    Registry::Route route;
    switch (registry_->find_node(call->node, route)) {
      case Registry::Lookup::unknown:
        return finish(call, unavailable("Unknown node", call->node));
      case Registry::Lookup::unhealthy:
        return finish(call, unavailable("Node unhealthy", call->node));
      case Registry::Lookup::found:
        call->routes.push_back(std::move(route));
    }
  }
  attempt(call);
}

void RemoteRouter::attempt(const std::shared_ptr<Call>& call) {
  if (call->tried == call->routes.size()) {
    return finish(call, unavailable("Node unreachable", call->node));
  }
  if (Clock::now() >= call->deadline) {
    return finish(call, failure(rpc_code::timeout, "Call timed out", call_timeout_.count()));
  }
  const Registry::Route& route = call->routes[call->tried++];
  if (call->target.find('.') == std::string::npos) call->node = route.node_id;
  log_debug("routing call", "target", call->target, "method", call->method, "peer", route.peer,
            "address", route.address, "attempt", call->tried, "of", call->routes.size());
  PeerRequest request;
  request.method = "POST";
  request.target = "/rpc";
  request.body = forwarded_request(route.node_id, call->server, call->method, call->params);
  request.headers.emplace_back("X-Relay-Hops", std::to_string(call->hops + 1));
  request.deadline = call->deadline;
  client_->send(route.address, std::move(request),
                [self = shared_from_this(), call, route](PeerResponse response) {
                  self->on_answer(call, route, std::move(response));
                });
}

void RemoteRouter::on_answer(const std::shared_ptr<Call>& call, const Registry::Route& route,
                             PeerResponse response) {
  if (response.timed_out) {
    log_debug("routed call timed out", "target", call->target, "peer", route.peer);
    return finish(call, failure(rpc_code::timeout, "Call timed out", call_timeout_.count()));
  }
  switch (response.failure) {
    case PeerResponse::Failure::not_sent:
      // The peer never saw the request: safe to try the next candidate.
      log_debug("peer unreachable, trying next", "peer", route.peer, "error", response.error);
      registry_->call_failed(route, Clock::now());
      return attempt(call);
    case PeerResponse::Failure::maybe_sent:
      return finish(call, unavailable("Connection to peer lost (the call may have run)", route.node_id));
    case PeerResponse::Failure::none:
      break;
  }
  if (response.status != 200) {
    return finish(call, unavailable("Peer answered HTTP " + std::to_string(response.status), route.node_id));
  }
  auto outcome = parse_rpc_answer(response.body);
  if (!outcome) return finish(call, unavailable("Malformed answer from peer", route.node_id));
  finish(call, std::move(*outcome));
}

void RemoteRouter::finish(const std::shared_ptr<Call>& call, actors::CallOutcome outcome) {
  if (call->finished.exchange(true)) return;
  {
    std::lock_guard lock(mutex_);
    pending_.erase(call->id);
  }
  actors::CallDone done = std::move(call->done);
  done(std::move(outcome));
}

void RemoteRouter::abandon_pending() {
  stopped_ = true;
  std::vector<std::shared_ptr<Call>> calls;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, call] : pending_) calls.push_back(call);
  }
  for (auto& call : calls) finish(call, unavailable("Node is stopping", call->node));
}

}  // namespace relay::node
