#include "node/discovery.h"

#include <atomic>
#include <mutex>

#include <boost/asio.hpp>

#include "node/log.h"
#include "node/peer_client.h"

namespace relay::node {
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kMaxPollTimeout{5'000};

// The two answers of one poll; whichever arrives last decides.
struct PollState {
  std::mutex mutex;
  int remaining = 2;
  PeerResponse health;
  PeerResponse servers;
};

// Why an answer is unusable, or empty when it is a 200.
std::string problem(const PeerResponse& response, std::string_view path) {
  if (!response.ok()) return std::string(path) + ": " + response.error;
  if (response.status != 200) return std::string(path) + ": HTTP " + std::to_string(response.status);
  return {};
}

}  // namespace

struct Discovery::Impl : std::enable_shared_from_this<Impl> {
  Impl(net::io_context& io, std::shared_ptr<Registry> registry_, std::shared_ptr<PeerClient> client_)
      : timer(net::make_strand(io)), registry(std::move(registry_)), client(std::move(client_)) {}

  net::steady_timer timer;  // on a strand: rounds and stop() may run on different I/O threads
  std::shared_ptr<Registry> registry;
  std::shared_ptr<PeerClient> client;
  std::atomic<bool> stopped{false};

  void round() {
    if (stopped) return;
    for (const auto& ticket : registry->start_poll_round(Clock::now())) poll_claimed(ticket);
    timer.expires_after(registry->discovery_interval());
    timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->round();
    });
  }

  void poll_claimed(const Registry::PollTicket& ticket) {
    const auto deadline = Clock::now() + poll_timeout(registry->discovery_interval());
    auto state = std::make_shared<PollState>();
    get(ticket, "/registry/health", deadline, state, &PollState::health);
    get(ticket, "/registry/servers", deadline, state, &PollState::servers);
  }

  void get(const Registry::PollTicket& ticket, std::string path, Clock::time_point deadline,
           std::shared_ptr<PollState> state, PeerResponse PollState::*slot) {
    PeerRequest request;
    request.target = std::move(path);
    request.deadline = deadline;
    request.idempotent = true;
    client->send(ticket.address, std::move(request),
                 [self = shared_from_this(), ticket, state, slot](PeerResponse response) {
                   {
                     std::lock_guard lock(state->mutex);
                     (*state).*slot = std::move(response);
                     if (--state->remaining != 0) return;
                   }
                   self->finish(ticket, *state);
                 });
  }

  void finish(const Registry::PollTicket& ticket, PollState& state) {
    std::string why = problem(state.health, "/registry/health");
    if (why.empty()) why = problem(state.servers, "/registry/servers");
    if (why.empty()) {
      if (auto report = parse_peer_report(state.health.body, state.servers.body, why)) {
        log_debug("peer polled", "peer", ticket.key, "node_id", report->node_id, "servers",
                  report->servers.size());
        registry->poll_succeeded(ticket, std::move(*report));
        return;
      }
    }
    registry->poll_failed(ticket, why, Clock::now());
  }
};

Discovery::Discovery(net::io_context& io, std::shared_ptr<Registry> registry,
                     std::shared_ptr<PeerClient> client)
    : impl_(std::make_shared<Impl>(io, std::move(registry), std::move(client))) {}

Discovery::~Discovery() { stop(); }

std::chrono::milliseconds Discovery::poll_timeout(std::chrono::milliseconds interval) {
  return std::min(kMaxPollTimeout, interval);
}

void Discovery::start() {
  net::post(impl_->timer.get_executor(), [impl = impl_] { impl->round(); });
}

void Discovery::poll(const Registry::PollTicket& ticket) {
  if (impl_->stopped || !impl_->registry->claim_poll(ticket)) return;
  impl_->poll_claimed(ticket);
}

void Discovery::stop() {
  if (impl_->stopped.exchange(true)) return;
  net::post(impl_->timer.get_executor(), [impl = impl_] { impl->timer.cancel(); });
}

}  // namespace relay::node
