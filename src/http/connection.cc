#include "http/connection.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "http/percent_decode.h"
#include "http/request_id.h"

namespace jobflow::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// After an error answer (400, 413, 431) the client may still be sending; closing with unread
// bytes makes the kernel send RST, which can destroy the answer before the client reads it.
// So the connection reads and discards for a short while before closing.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kDrainSize = 16 * 1024;

Response json_error(int status, std::string_view message) {
  return Response::json(status, std::string("{\"message\":\"").append(message).append("\"}"));
}

char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return to_lower(x) == to_lower(y); });
}

// "http://host:port/p?q" (absolute-form, sent to proxies) → "/p?q"; origin-form is unchanged.
std::string_view origin_form(std::string_view target) {
  if (target.empty() || target.front() == '/') return target;
  const std::size_t scheme = target.find("://");
  if (scheme == std::string_view::npos) return target;
  const std::size_t slash = target.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
}

bool is_parse_error(beast::error_code ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

// Shared by every copy of one request's Reply. The first call wins; a Reply dropped without
// being called answers 500 so that the client is not left waiting until its own timeout.
class Connection::PendingReply {
 public:
  explicit PendingReply(std::shared_ptr<Connection> connection) : connection_(std::move(connection)) {}

  ~PendingReply() {
    if (done_.load(std::memory_order_acquire)) return;
    spdlog::error("request_id={} msg=\"handler dropped its reply without answering\"",
                  connection_->request_id_);
    connection_->deliver(json_error(500, "Internal server error"));
  }

  PendingReply(const PendingReply&) = delete;
  PendingReply& operator=(const PendingReply&) = delete;

  void send(Response response) {
    if (done_.exchange(true, std::memory_order_acq_rel)) {
      spdlog::warn("request_id={} msg=\"reply called twice; second response ignored\"",
                   connection_->request_id_);
      return;
    }
    connection_->deliver(std::move(response));
  }

 private:
  std::shared_ptr<Connection> connection_;
  std::atomic<bool> done_{false};
};

Connection::Connection(std::shared_ptr<ServerContext> context, tcp::socket socket)
    : context_(std::move(context)), stream_(std::move(socket)) {
  continue_.result(bhttp::status::continue_);
}

Connection::~Connection() {
  if (attached_ && state_ != State::kClosed) context_->detach(this);
}

void Connection::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    // Headers and body go out in one write, but without NODELAY a keep-alive client's next
    // request can still wait ~40 ms on delayed ACK.
    self->stream_.socket().set_option(tcp::no_delay(true), ec);
    const auto peer = self->stream_.socket().remote_endpoint(ec);
    if (!ec) self->remote_ = peer.address().to_string() + ":" + std::to_string(peer.port());
    self->attached_ = self->context_->attach(self);
    if (!self->attached_) {
      self->close();
      return;
    }
    self->read_request();
  });
}

void Connection::shutdown() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    // A request that has started to arrive is served (with Connection: close); only a
    // connection waiting for its next request is closed at once.
    const bool partial = self->buffer_.size() > 0 || (self->parser_ && self->parser_->got_some());
    if ((self->state_ == State::kIdle && !partial) || self->state_ == State::kLingering) self->close();
  });
}

void Connection::force_close() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
}

void Connection::read_request() {
  state_ = State::kIdle;
  const ServerOptions& options = context_->options();
  parser_.emplace();
  parser_->body_limit(static_cast<std::uint64_t>(options.body_limit));
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
  stream_.expires_after(options.idle_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
  if (state_ == State::kClosed) return;
  started_ = std::chrono::steady_clock::now();
  if (ec) return on_read_error(ec);
  state_ = State::kReading;
  const auto& message = parser_->get();
  if (!parser_->is_done() && iequals(message[bhttp::field::expect], "100-continue")) {
    continue_.version(message.version());
    stream_.expires_after(context_->options().idle_timeout);
    bhttp::async_write(stream_, continue_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (self->state_ == State::kClosed) return;
      if (ec) return self->close();
      self->read_body();
    });
    return;
  }
  read_body();
}

void Connection::read_body() {
  if (parser_->is_done()) return on_request();
  stream_.expires_after(context_->options().idle_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
}

void Connection::on_body(beast::error_code ec) {
  if (state_ == State::kClosed) return;
  if (ec) return on_read_error(ec);
  on_request();
}

void Connection::on_read_error(beast::error_code ec) {
  if (state_ == State::kClosed) return;
  Response response;
  if (ec == bhttp::error::body_limit) {
    Request request = make_request();
    request.body.clear();  // whatever part of a chunked body arrived; the callback gets none
    const auto& make = context_->options().too_large;
    response = json_error(413, "Request entity too large");
    if (make) {
      try {
        response = make(request);
      } catch (const std::exception& e) {
        spdlog::error("request_id={} msg=\"too_large callback threw\" error=\"{}\"", request_id_, e.what());
      }
    }
  } else if (ec == bhttp::error::header_limit) {
    make_request();
    response = json_error(431, "Request header fields too large");
  } else if (is_parse_error(ec)) {
    make_request();
    response = json_error(400, "Malformed HTTP request");
    spdlog::debug("request_id={} remote={} msg=\"malformed request\" error=\"{}\"", request_id_, remote_,
                  ec.message());
  } else {
    // End of stream between requests, idle timeout, reset, or our own close.
    return close();
  }
  keep_alive_ = false;
  head_ = false;
  state_ = State::kHandling;
  write_response(std::move(response), /*error_close=*/true);
}

Request Connection::make_request() {
  auto& message = parser_->get();
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const std::string_view target = origin_form(request.target);
  const std::size_t q = target.find('?');
  request.path = percent_decode(target.substr(0, q));
  if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
  for (const auto& field : message) {
    request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.request_id = make_request_id();
  request.remote = remote_;

  request_id_ = request.request_id;
  version_ = message.version() == 10 ? 10 : 11;
  keep_alive_ = message.keep_alive();
  head_ = message.method() == bhttp::verb::head;
  if (spdlog::should_log(spdlog::level::debug)) {
    method_ = request.method;
    target_ = request.target;
  }
  return request;
}

void Connection::on_request() {
  state_ = State::kHandling;
  Request request = make_request();
  auto pending = std::make_shared<PendingReply>(shared_from_this());
  Reply reply = [pending](Response response) { pending->send(std::move(response)); };
  try {
    context_->handler().handle(std::move(request), std::move(reply));
  } catch (const std::exception& e) {
    spdlog::error("request_id={} msg=\"handler threw\" error=\"{}\"", request_id_, e.what());
    pending->send(json_error(500, "Internal server error"));
  } catch (...) {
    spdlog::error("request_id={} msg=\"handler threw a non-exception\"", request_id_);
    pending->send(json_error(500, "Internal server error"));
  }
}

void Connection::deliver(Response response) {
  // After the io threads are gone nobody would run the write; dropping the response releases
  // this connection instead of parking it in a dead queue.
  if (context_->halted()) return;
  net::dispatch(stream_.get_executor(), [self = shared_from_this(), response = std::move(response)]() mutable {
    self->write_response(std::move(response), /*error_close=*/false);
  });
}

void Connection::write_response(Response response, bool error_close) {
  if (state_ != State::kHandling) return;  // closed meanwhile (stop deadline, peer gone)
  state_ = State::kWriting;

  int status = response.status;
  if (status < 100 || status > 999) {
    spdlog::error("request_id={} msg=\"handler answered with invalid status {}\"", request_id_, status);
    response = json_error(500, "Internal server error");
    status = 500;
  }

  response_ = {};
  response_.version(version_);
  response_.result(static_cast<unsigned>(status));
  if (!response.content_type.empty()) response_.set(bhttp::field::content_type, response.content_type);
  response_.set("x-amzn-RequestId", request_id_);
  for (const auto& [name, value] : response.headers) {
    // Framing is ours: a handler's value could contradict the body actually sent.
    if (iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection")) {
      continue;
    }
    response_.insert(name, value);
  }
  const bool keep_alive = keep_alive_ && !error_close && !context_->stopping();
  response_.keep_alive(keep_alive);
  const bool bodiless_status = status / 100 == 1 || status == 204 || status == 304;
  if (head_) {
    // HEAD: the length the GET would have, no body.
    if (!bodiless_status) response_.content_length(response.body.size());
  } else if (!bodiless_status) {
    response_.body() = std::move(response.body);
    response_.prepare_payload();
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  context_->record(status, seconds);
  if (spdlog::should_log(spdlog::level::debug)) {
    const std::string_view target = target_;
    spdlog::debug("request_id={} method={} path={} status={} ms={:.3f} remote={}", request_id_,
                  method_.empty() ? "-" : method_, target.substr(0, target.find('?')), status,
                  seconds * 1000, remote_);
  }

  stream_.expires_after(context_->options().idle_timeout);
  bhttp::async_write(stream_, response_,
                     [self = shared_from_this(), keep_alive, error_close](beast::error_code ec, std::size_t) {
                       self->on_write(ec, keep_alive, error_close);
                     });
}

void Connection::on_write(beast::error_code ec, bool keep_alive, bool error_close) {
  if (state_ == State::kClosed) return;
  if (ec) return close();
  if (error_close) return linger();
  if (!keep_alive || context_->stopping()) return close();
  read_request();
}

void Connection::linger() {
  state_ = State::kLingering;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (!drain_) drain_ = std::make_unique<char[]>(kDrainSize);
  stream_.expires_after(kLingerTime);
  drain();
}

void Connection::drain() {
  stream_.async_read_some(net::buffer(drain_.get(), kDrainSize),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (self->state_ == State::kClosed) return;
                            if (ec) return self->close();
                            self->drain();
                          });
}

void Connection::close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
  if (attached_) context_->detach(this);
}

}  // namespace jobflow::http
