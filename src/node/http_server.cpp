#include "node/http_server.h"

#include <array>
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
  void on_accept(beast::error_code ec, tcp::socket socket);
  void forget(Session* session) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(session);
  }
};

// One connection: read a request, hand it to its route, write the answer,
// repeat while keep-alive. Everything runs on the connection's strand.
class HttpServer::State::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<State> server)
      : stream_(std::move(socket)), server_(std::move(server)) {}

  ~Session() { server_->forget(this); }

  void start() {
    beast::error_code ignored;
    stream_.socket().non_blocking(true, ignored);  // write() tries a direct send first
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  // Graceful stop: an idle connection closes now, a busy one after its answer.
  void stop() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->stream_.cancel();
    });
  }

 private:
  void do_read() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->body_limit(server_->options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.header_limit));
    stream_.expires_after(server_->options.request_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_header(ec);
                            });
  }

  // Clients such as curl send "Expect: 100-continue" before a larger body and
  // wait for the interim answer; give it, then read the body.
  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const auto& header = parser_->get();
    if (!parser_->is_done() && beast::iequals(header[http::field::expect], "100-continue")) {
      static const std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    beast::error_code ec;
    if (parse_buffered(ec)) return on_read(ec);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code read_ec, std::size_t) {
                       self->on_read(read_ec);
                     });
  }

  // The body of a small request usually arrived with its header: parse it
  // from the buffer instead of starting another read. True when that
  // settled the request (complete, or a parse error in `ec`).
  bool parse_buffered(beast::error_code& ec) {
    while (!parser_->is_done() && buffer_.size() > 0) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        return false;
      }
      if (ec) return true;
      if (used == 0) return false;
    }
    return parser_->is_done();
  }

  void on_read(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    stream_.expires_never();  // a handler may take up to the call timeout
    http::request<http::string_body> message = parser_->release();
    keep_alive_ = message.keep_alive();
    handle(std::move(message));
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == http::error::partial_message ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return close();
    }
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

  void handle(http::request<http::string_body>&& message) {
    Request request;
    request.method = std::string(message.method_string());
    const std::string_view target = message.target();
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    request.headers.reserve(8);
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());

    if (request.method == "OPTIONS") return write(preflight());
    std::vector<std::string> allowed;
    const Handler* handler = server_->router.find(request.method, request.path, allowed);
    if (!handler) {
      if (allowed.empty()) return write(Response::error(404, "not found"));
      Response response = Response::error(405, "method " + request.method + " not allowed on " +
                                                    request.path);
      response.headers.emplace_back("Allow", join_methods(allowed));
      return write(std::move(response));
    }
    try {
      // The answer may come from any thread (an actor worker): hop back onto
      // the strand. Usually it comes at once, on this strand (a call run
      // inline on this I/O thread): then dispatch writes it without a hop.
      awaiting_answer_ = true;
      (*handler)(request, [self = shared_from_this()](Response response) {
        net::dispatch(self->stream_.get_executor(), [self, response = std::move(response)] {
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
    std::size_t sent = stream_.socket().write_some(net::buffer(out_), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) {
      ec = {};
      sent = 0;
    }
    if (ec || sent == out_.size()) return on_write(ec);
    stream_.expires_after(server_->options.request_timeout);  // a client that never reads
    net::async_write(stream_, net::buffer(out_.data() + sent, out_.size() - sent),
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
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<State> server_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string out_;  // the answer being written
  std::array<char, 4096> drain_buffer_;
  bool keep_alive_ = true;  // the request allows keep-alive
  bool keep_open_ = true;   // the answer being written is not the last one
  bool awaiting_answer_ = false;  // a route handler owes this connection an answer
  bool busy_ = false;
  bool stopping_ = false;
};

void HttpServer::State::do_accept() {
  acceptor.async_accept(net::make_strand(io),
                        [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                          self->on_accept(ec, std::move(socket));
                        });
}

void HttpServer::State::on_accept(beast::error_code ec, tcp::socket socket) {
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
