#include "node/peer_client.h"

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "node/log.h"
#include "node/peer_address.h"

namespace relay::node {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Failure = PeerResponse::Failure;

namespace {

// One TCP connection to a peer; owned by an exchange while in use, else by the pool.
struct Connection {
  explicit Connection(net::io_context& io) : stream(net::make_strand(io)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  Clock::time_point idle_since;
};

// A pooled connection is reusable when the peer neither closed it nor sent
// anything unasked: a non-blocking peek must find nothing to read. This
// catches peers that restarted or closed idle keep-alive connections, so a
// JSON-RPC call is not written into a connection that is already dead.
bool still_usable(Connection& connection) {
  auto& socket = connection.stream.socket();
  if (!socket.is_open()) return false;
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

// Numeric addresses and "localhost" need no resolver (whose single background
// thread a slow DNS lookup would hold up for everyone).
std::optional<std::vector<tcp::endpoint>> endpoints_without_dns(const HostPort& target) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(target.host, ec);
  if (!ec) return std::vector<tcp::endpoint>{tcp::endpoint(address, target.port)};
  if (target.host == "localhost") {
    return std::vector<tcp::endpoint>{tcp::endpoint(net::ip::address_v4::loopback(), target.port),
                                      tcp::endpoint(net::ip::address_v6::loopback(), target.port)};
  }
  return std::nullopt;
}

bool is_closed_by_peer(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe;
}

}  // namespace

struct PeerClient::Impl : std::enable_shared_from_this<Impl> {
  Impl(net::io_context& io_, PeerClientOptions options_) : io(io_), options(options_) {}

  net::io_context& io;
  const PeerClientOptions options;
  mutable std::mutex mutex;
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle;
  bool closed = false;
  std::atomic<uint64_t> opened{0};

  bool is_closed() const {
    std::lock_guard lock(mutex);
    return closed;
  }

  // The most recently used live connection to `address`, or null.
  std::unique_ptr<Connection> take_idle(const std::string& address) {
    std::lock_guard lock(mutex);
    auto found = idle.find(address);
    if (found == idle.end()) return nullptr;
    auto& list = found->second;
    const auto now = Clock::now();
    while (!list.empty()) {
      std::unique_ptr<Connection> connection = std::move(list.back());
      list.pop_back();
      if (now - connection->idle_since < options.idle_timeout && still_usable(*connection)) {
        return connection;
      }
    }
    return nullptr;
  }

  void give_back(const std::string& address, std::unique_ptr<Connection> connection) {
    connection->stream.expires_never();
    connection->idle_since = Clock::now();
    std::lock_guard lock(mutex);
    if (closed) return;  // the connection closes as it goes out of scope
    auto& list = idle[address];
    if (list.size() < options.max_idle_per_peer) list.push_back(std::move(connection));
  }
};

namespace {

// One request/response exchange: take a pooled connection or open one, write,
// read, hand the connection back when the peer keeps it alive.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(std::shared_ptr<PeerClient::Impl> client, std::string address, HostPort target,
           PeerRequest request, PeerDone done)
      : client_(std::move(client)), address_(std::move(address)), target_(std::move(target)),
        request_(std::move(request)), done_(std::move(done)) {
    build_message();
  }

  void start() {
    connection_ = client_->take_idle(address_);
    reused_ = connection_ != nullptr;
    if (!connection_) return open();
    net::dispatch(connection_->stream.get_executor(), [self = shared_from_this()] { self->write(); });
  }

 private:
  void build_message() {
    const http::verb verb = http::string_to_verb(request_.method);
    message_ = http::request<http::string_body>(verb == http::verb::unknown ? http::verb::get : verb,
                                                request_.target, 11);
    message_.set(http::field::host, address_);
    message_.set(http::field::user_agent, "relay-peer");
    for (const auto& [name, value] : request_.headers) message_.set(name, value);
    if (!request_.body.empty()) {
      message_.set(http::field::content_type, "application/json");
      message_.body() = request_.body;
    }
    message_.keep_alive(true);
    message_.prepare_payload();
  }

  void open() {
    connection_ = std::make_unique<Connection>(client_->io);
    reused_ = false;
    client_->opened.fetch_add(1, std::memory_order_relaxed);
    if (auto endpoints = endpoints_without_dns(target_)) return connect(std::move(*endpoints));
    resolver_.emplace(connection_->stream.get_executor());
    resolver_->async_resolve(target_.host, std::to_string(target_.port),
                             [self = shared_from_this()](beast::error_code ec,
                                                         tcp::resolver::results_type results) {
                               if (ec) return self->fail(Failure::not_sent, ec, "resolve");
                               self->connect({results.begin(), results.end()});
                             });
  }

  void connect(std::vector<tcp::endpoint> endpoints) {
    auto& stream = connection_->stream;  // the range is copied by the connect operation
    const auto connect_by = std::min(request_.deadline, Clock::now() + client_->options.connect_timeout);
    net::dispatch(stream.get_executor(), [self = shared_from_this(), endpoints = std::move(endpoints),
                                          connect_by]() mutable {
      auto& stream = self->connection_->stream;
      stream.expires_at(connect_by);
      stream.async_connect(endpoints, [self](beast::error_code ec, const tcp::endpoint&) {
        if (ec) return self->fail(Failure::not_sent, ec, "connect");
        beast::error_code ignored;
        self->connection_->stream.socket().set_option(tcp::no_delay(true), ignored);
        self->write();
      });
    });
  }

  void write() {
    connection_->stream.expires_at(request_.deadline);
    http::async_write(connection_->stream, message_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  // A failed write means the request was not delivered whole, so the peer
  // cannot have run it: resend once on a fresh connection if this one came
  // from the pool (the peer had closed it), else report not_sent.
  void on_write(beast::error_code ec) {
    if (!ec) return read();
    if (reused_ && !resent_ && ec != beast::error::timeout) return resend();
    fail(Failure::not_sent, ec, "write");
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(client_->options.response_limit);
    http::async_read(connection_->stream, connection_->buffer, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (!ec) return succeed();
    // A pooled connection the peer closed just before our request arrived:
    // nothing came back. Only requests that are safe twice are resent.
    if (reused_ && !resent_ && request_.idempotent && !parser_->got_some() && is_closed_by_peer(ec)) {
      return resend();
    }
    fail(Failure::maybe_sent, ec, "read");
  }

  void resend() {
    resent_ = true;
    connection_.reset();
    open();
  }

  void succeed() {
    auto response = parser_->release();
    PeerResponse answer;
    answer.status = static_cast<int>(response.result_int());
    answer.body = std::move(response.body());
    if (response.keep_alive() && connection_->buffer.size() == 0) {
      client_->give_back(address_, std::move(connection_));
    }
    finish(std::move(answer));
  }

  void fail(Failure failure, beast::error_code ec, std::string_view stage) {
    PeerResponse answer;
    answer.failure = failure;
    answer.timed_out = ec == beast::error::timeout && Clock::now() >= request_.deadline;
    answer.error = std::string(stage) + ": " + ec.message();
    log_debug("peer request failed", "address", address_, "target", request_.target, "error",
              answer.error);
    connection_.reset();
    finish(std::move(answer));
  }

  void finish(PeerResponse answer) {
    PeerDone done = std::move(done_);
    done(std::move(answer));
  }

  std::shared_ptr<PeerClient::Impl> client_;
  std::string address_;
  HostPort target_;
  PeerRequest request_;
  PeerDone done_;
  std::unique_ptr<Connection> connection_;
  std::optional<tcp::resolver> resolver_;
  bool reused_ = false;
  bool resent_ = false;
  http::request<http::string_body> message_;
  std::optional<http::response_parser<http::string_body>> parser_;
};

}  // namespace

PeerClient::PeerClient(net::io_context& io, PeerClientOptions options)
    : impl_(std::make_shared<Impl>(io, options)) {}

PeerClient::~PeerClient() { close(); }

void PeerClient::send(std::string address, PeerRequest request, PeerDone done) {
  auto target = split_host_port(address);
  if (!target || impl_->is_closed()) {
    PeerResponse answer;
    answer.failure = Failure::not_sent;
    answer.error = target ? "client closed" : "bad address " + address;
    net::post(impl_->io, [done = std::move(done), answer = std::move(answer)]() mutable {
      done(std::move(answer));
    });
    return;
  }
  std::make_shared<Exchange>(impl_, std::move(address), std::move(*target), std::move(request),
                             std::move(done))
      ->start();
}

void PeerClient::close() {
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->closed = true;
    idle.swap(impl_->idle);
  }
  // Destroying the idle connections closes their sockets (no operation is pending on them).
}

uint64_t PeerClient::connections_opened() const {
  return impl_->opened.load(std::memory_order_relaxed);
}

std::size_t PeerClient::idle_connections(const std::string& address) const {
  std::lock_guard lock(impl_->mutex);
  const auto found = impl_->idle.find(address);
  return found == impl_->idle.end() ? 0 : found->second.size();
}

}  // namespace relay::node
