#include "node/http_server.h"

#include <array>
#include <chrono>
#include <optional>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "node/log.h"
#include "node/options.h"
#include "node/router.h"

namespace relay::node {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Strand = net::strand<net::io_context::executor_type>;
using Socket = net::basic_stream_socket<tcp, Strand>;
using Timer = net::basic_waitable_timer<std::chrono::steady_clock,
                                        net::wait_traits<std::chrono::steady_clock>, Strand>;

namespace {

constexpr std::string_view kAllowOrigin = "*";
constexpr std::string_view kPreflightMethods = "GET, POST, DELETE, OPTIONS";
constexpr std::string_view kPreflightHeaders = "Content-Type, X-Relay-Hops";

// The status line and headers of an answer, then its body, in one buffer:
// one send, no serializer. Same header set as before (Beast's): CORS on
// every answer, Content-Type and Content-Length unless 204/304 (RFC 9110),
// "Connection: close" on the last answer of a connection.
void format_response(const Response& response, bool keep_alive, std::string& out) {
  const bool has_body = response.status != 204 && response.status != 304;
  out.clear();
  out.reserve(160 + response.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(response.status));
  out.append(reason.data(), reason.size());
  out += "\r\nAccess-Control-Allow-Origin: ";
  out += kAllowOrigin;
  if (has_body) {
    out += "\r\nContent-Type: ";
    out += response.content_type;
  }
  for (const auto& [name, value] : response.headers) {
    out += "\r\n";
    out += name;
    out += ": ";
    out += value;
  }
  if (!keep_alive) out += "\r\nConnection: close";
  if (has_body) {
    out += "\r\nContent-Length: ";
    out += std::to_string(response.body.size());
  }
  out += "\r\n\r\n";
  if (has_body) out += response.body;
}

std::string join_methods(const std::vector<std::string>& methods) {
  std::string out;
  for (const auto& m : methods) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out + ", OPTIONS";
}

// Parses one request straight into a Request (the session reuses it, so
// steady traffic allocates nothing here): Beast's parser without its message
// container, whose fields each cost an allocation.
class RequestParser final : public http::basic_parser<true> {
 public:
  explicit RequestParser(Request& into) : request_(into) {
    request_.method.clear();
    request_.path.clear();
    request_.query.clear();
    request_.body.clear();
  }

 private:
  void on_request_impl(http::verb, beast::string_view method, beast::string_view target, int,
                       beast::error_code&) override {
    request_.method.assign(method.data(), method.size());
    const std::size_t question = target.find('?');
    const beast::string_view path = target.substr(0, question);
    request_.path.assign(path.data(), path.size());
    if (question != beast::string_view::npos) {
      const beast::string_view query = target.substr(question + 1);
      request_.query.assign(query.data(), query.size());
    }
  }

  void on_response_impl(int, beast::string_view, int, beast::error_code& ec) override {
    ec = http::error::bad_method;  // never called for a request parser
  }

  // Header slots are overwritten in place; extra ones go when the header ends.
  void on_field_impl(http::field, beast::string_view name, beast::string_view value,
                     beast::error_code&) override {
    auto& headers = request_.headers;
    if (fields_ == headers.size()) headers.emplace_back();
    headers[fields_].first.assign(name.data(), name.size());
    headers[fields_].second.assign(value.data(), value.size());
    ++fields_;
  }

  void on_header_impl(beast::error_code&) override { request_.headers.resize(fields_); }

  // The parser already refused a Content-Length over the body limit.
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) override {
    if (length) request_.body.reserve(static_cast<std::size_t>(*length));
  }

  std::size_t on_body_impl(beast::string_view data, beast::error_code&) override {
    request_.body.append(data.data(), data.size());
    return data.size();
  }

  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}

  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view data,
                                 beast::error_code&) override {
    request_.body.append(data.data(), data.size());
    return data.size();
  }

  void on_finish_impl(beast::error_code&) override {}

  Request& request_;
  std::size_t fields_ = 0;
};

}  // namespace

// Shared by the acceptor and every session; sessions keep it alive.
struct HttpServer::State : std::enable_shared_from_this<HttpServer::State> {
  net::io_context& io;
  const Router& router;
  const NodeOptions& options;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  std::atomic<bool> stopping{false};

  class Session;
  mutable std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  State(net::io_context& io_, const Router& router_, const NodeOptions& options_)
      : io(io_), router(router_), options(options_), acceptor(io_), accept_retry(io_) {}

  void do_accept();
  void on_accept(beast::error_code ec, Socket socket);
  void forget(Session* session) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(session);
  }
};

// One connection: read a request, hand it to its route, write the answer,
// repeat while keep-alive. Everything runs on the connection's strand.
//
// Leaner than Beast's tcp_stream + http::async_read (see docs/NODE.md "HTTP
// server"): a plain socket on a typed strand (no type-erased executor), one
// read loop feeding RequestParser, and one timer per connection that is only
// re-armed when it fires (a request moves the deadline, not the timer).
class HttpServer::State::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket&& socket, std::shared_ptr<State> server)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(std::move(server)) {}

  ~Session() { server_->forget(this); }

  void start() {
    beast::error_code ignored;
    socket_.non_blocking(true, ignored);  // write() tries a direct send first
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  // Graceful stop: an idle connection closes now, a busy one after its answer.
  void stop() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->close();
    });
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::time_point kNever = Clock::time_point::max();
  static constexpr std::size_t kReadChunk = 16 * 1024;
  static constexpr std::size_t kKeptBodyCapacity = 64 * 1024;  // larger bodies give their memory back

  // Starts the next request: it may already be in the buffer (pipelining).
  void do_read() {
    if (stopping_) return close();
    if (request_.body.capacity() > kKeptBodyCapacity) std::string().swap(request_.body);
    parser_.emplace(request_);
    parser_->body_limit(server_->options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.header_limit));
    continue_sent_ = false;
    set_deadline(server_->options.request_timeout);
    parse_buffered();
  }

  void read_more() {
    socket_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_read_some(ec, n);
                            });
  }

  void on_read_some(beast::error_code ec, std::size_t n) {
    buffer_.commit(n);
    // End of stream, a reset, our own close (timeout, stop): nothing to answer.
    if (ec) return close();
    parse_buffered();
  }

  // Feeds the parser what the buffer holds; answers once the request is
  // complete or broken, else reads on.
  void parse_buffered() {
    beast::error_code ec;
    while (!parser_->is_done() && buffer_.size() > 0) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) return on_bad_request(ec);
      if (used == 0) break;
    }
    if (parser_->is_done()) return on_request();
    if (parser_->is_header_done() && !continue_sent_ && expects_continue()) return send_continue();
    read_more();
  }

  // Clients such as curl send "Expect: 100-continue" before a larger body and
  // wait for the interim answer; give it, then read the body.
  bool expects_continue() const {
    return beast::iequals(request_.header("Expect"), "100-continue");
  }

  void send_continue() {
    continue_sent_ = true;
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->close();
                       self->read_more();
                     });
  }

  void on_bad_request(beast::error_code ec) {
    keep_alive_ = false;
    busy_ = true;
    log_debug("bad request", "error", ec.message());
    if (ec == http::error::body_limit) {
      return write(Response::error(413, "request body larger than " +
                                             std::to_string(server_->options.body_limit) +
                                             " bytes"));
    }
    if (ec == http::error::header_limit) {
      return write(Response::error(431, "request header fields too large"));
    }
    write(Response::error(400, "bad request: " + ec.message()));
  }

  void on_request() {
    busy_ = true;
    deadline_ = kNever;  // a handler may take up to the call timeout
    keep_alive_ = parser_->keep_alive();
    handle(request_);
  }

  // `request` stays untouched until the answer is written (no read meanwhile).
  void handle(const Request& request) {
    if (request.method == "OPTIONS") return write(preflight());
    const Handler* handler = server_->router.find(request.method, request.path, allowed_);
    if (!handler) {
      if (allowed_.empty()) return write(Response::error(404, "not found"));
      Response response = Response::error(405, "method " + request.method + " not allowed on " +
                                                    request.path);
      response.headers.emplace_back("Allow", join_methods(allowed_));
      return write(std::move(response));
    }
    try {
      // The answer may come from any thread (an actor worker): hop back onto
      // the strand. Usually it comes at once, on this strand (a call run
      // inline on this I/O thread): then dispatch writes it without a hop.
      awaiting_answer_ = true;
      (*handler)(request, [self = shared_from_this()](Response response) {
        net::dispatch(self->socket_.get_executor(), [self, response = std::move(response)] {
          if (!self->awaiting_answer_) {
            log_error("a route handler answered twice; ignored");
            return;
          }
          self->awaiting_answer_ = false;
          self->write(response);
        });
      });
    } catch (const std::exception& e) {
      log_error("handler failed", "path", request.path, "error", e.what());
      if (!awaiting_answer_) return;  // it answered before throwing
      awaiting_answer_ = false;
      write(Response::error(500, "internal error"));
    }
  }

  static Response preflight() {
    Response response;
    response.status = 204;
    response.headers.emplace_back("Access-Control-Allow-Methods", std::string(kPreflightMethods));
    response.headers.emplace_back("Access-Control-Allow-Headers", std::string(kPreflightHeaders));
    response.headers.emplace_back("Access-Control-Max-Age", "86400");
    return response;
  }

  // An answer almost always fits the socket's send buffer: send it at once
  // (the socket is non-blocking), and only wait for the socket when it did
  // not all go.
  void write(const Response& response) {
    keep_open_ = keep_alive_ && !stopping_;
    format_response(response, keep_open_, out_);
    beast::error_code ec;
    std::size_t sent = socket_.write_some(net::buffer(out_), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) {
      ec = {};
      sent = 0;
    }
    if (ec || sent == out_.size()) return on_write(ec);
    set_deadline(server_->options.request_timeout);  // a client that never reads
    net::async_write(socket_, net::buffer(out_.data() + sent, out_.size() - sent),
                     [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                       self->on_write(write_ec);
                     });
  }

  void on_write(beast::error_code ec) {
    busy_ = false;
    if (ec) return close();
    // While the node stops, do not linger: exit must not wait on slow clients.
    if (!keep_open_) return stopping_ ? close() : linger_then_close();
    do_read();
  }

  // After a final answer the client may still be sending (e.g. the rest of an
  // oversized body). Closing at once would reset the connection and could
  // destroy the answer before the client read it, so: half-close, discard
  // what still arrives for a short while, then close.
  void linger_then_close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    set_deadline(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    socket_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  // The connection closes when `timeout` passes before the deadline is moved
  // again. The timer is re-armed only when the new deadline is earlier than
  // its expiry or when it fires, so a request costs a clock read, not a timer
  // operation.
  void set_deadline(Clock::duration timeout) {
    deadline_ = Clock::now() + timeout;
    if (deadline_ < timer_expiry_) arm_timer(deadline_);
  }

  void arm_timer(Clock::time_point at) {
    timer_expiry_ = at;
    timer_.expires_at(at);  // cancels an earlier wait: its handler sees operation_aborted
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) { self->on_timer(ec); });
  }

  void on_timer(beast::error_code ec) {
    if (ec == net::error::operation_aborted || !socket_.is_open()) return;
    timer_expiry_ = kNever;
    if (deadline_ == kNever) return;  // busy in a handler: set again when it answers
    if (Clock::now() >= deadline_) {
      log_debug("connection timed out");
      return close();
    }
    arm_timer(deadline_);
  }

  void close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
    timer_.cancel();
    timer_expiry_ = kNever;
  }

  Socket socket_;
  Timer timer_;
  beast::flat_buffer buffer_;
  std::shared_ptr<State> server_;
  Request request_;  // the current request, reused (its strings keep their capacity)
  std::optional<RequestParser> parser_;
  std::vector<std::string> allowed_;  // methods of a known path, for 405
  std::string out_;  // the answer being written
  std::array<char, 4096> drain_buffer_;
  Clock::time_point deadline_ = kNever;      // close when reached
  Clock::time_point timer_expiry_ = kNever;  // when the armed timer fires
  bool keep_alive_ = true;  // the request allows keep-alive
  bool keep_open_ = true;   // the answer being written is not the last one
  bool awaiting_answer_ = false;  // a route handler owes this connection an answer
  bool continue_sent_ = false;    // "100 Continue" answered for this request
  bool busy_ = false;
  bool stopping_ = false;
};

void HttpServer::State::do_accept() {
  acceptor.async_accept(net::make_strand(io),
                        [self = shared_from_this()](beast::error_code ec, Socket socket) {
                          self->on_accept(ec, std::move(socket));
                        });
}

void HttpServer::State::on_accept(beast::error_code ec, Socket socket) {
  if (stopping || ec == net::error::operation_aborted) return;
  if (ec) {
    // E.g. out of file descriptors: back off briefly instead of spinning.
    log_warn("accept failed", "error", ec.message());
    accept_retry.expires_after(std::chrono::milliseconds(50));
    accept_retry.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto session = std::make_shared<Session>(std::move(socket), shared_from_this());
  {
    std::lock_guard lock(sessions_mutex);
    sessions.emplace(session.get(), session);
  }
  session->start();
  do_accept();
}

HttpServer::HttpServer(net::io_context& io, const Router& router, const NodeOptions& options)
    : state_(std::make_shared<State>(io, router, options)) {}

HttpServer::~HttpServer() { shutdown(); }

uint16_t HttpServer::listen(const std::string& host, uint16_t port) {
  beast::error_code ec;
  tcp::resolver resolver(state_->io);
  const auto results = resolver.resolve(host, std::to_string(port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve host '" + host + "': " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             ec.message());
  }
  state_->do_accept();
  return acceptor.local_endpoint().port();
}

void HttpServer::shutdown() {
  if (state_->stopping.exchange(true)) return;
  net::post(state_->acceptor.get_executor(), [state = state_] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
    state->accept_retry.cancel();
  });
  std::vector<std::shared_ptr<State::Session>> live;
  {
    std::lock_guard lock(state_->sessions_mutex);
    for (auto& [raw, weak] : state_->sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->stop();
}

std::size_t HttpServer::connection_count() const {
  std::lock_guard lock(state_->sessions_mutex);
  return state_->sessions.size();
}

}  // namespace relay::node
