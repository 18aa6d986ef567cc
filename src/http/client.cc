#include "http/client.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/url.h"

namespace jobflow::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool has_header(const Client::Headers& headers, std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (lower(name) == lower_name) return true;
  }
  return false;
}

// Errors that mean "the server closed the kept connection before reading our request".
bool is_stale_connection(beast::error_code ec) {
  return ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == bhttp::error::partial_message;
}

}  // namespace

class Client::Impl {
 public:
  explicit Impl(ClientOptions options) : options_(std::move(options)) {}

  Result<Response> request(std::string_view method, std::string_view url_text, std::string_view body,
                           const Headers& headers) {
    auto url = resolve_url(url_text);
    if (!url) return fail(url.error());
    const std::string shown = url->to_string();

    bhttp::request<bhttp::string_body> req;
    const bhttp::verb verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown) {
      req.method_string(method);
    } else {
      req.method(verb);
    }
    req.target(url->target);
    req.version(11);
    req.set(bhttp::field::host, url->authority());
    req.set(bhttp::field::user_agent, options_.user_agent);
    for (const auto& [name, value] : headers) req.insert(name, value);
    if (!body.empty() && !has_header(headers, "content-type")) {
      req.set(bhttp::field::content_type, "application/json");
    }
    req.body() = std::string(body);
    req.prepare_payload();
    req.keep_alive(true);

    const std::string key = url->host + ":" + std::to_string(url->port);
    if (connected_ && (key != connected_to_ || !still_open())) close();
    // The server may still close a kept connection just as we send on it. The request is then
    // sent again on a fresh connection when that cannot run it twice: it never left, or it is
    // idempotent.
    const bool idempotent = verb == bhttp::verb::get || verb == bhttp::verb::head ||
                            verb == bhttp::verb::put || verb == bhttp::verb::delete_ ||
                            verb == bhttp::verb::options;
    for (int attempt = 0;; ++attempt) {
      const bool reused = connected_;
      stream_.expires_after(options_.timeout);
      if (!connected_) {
        if (auto st = connect(*url, shown); !st) return fail(st.error());
        connected_to_ = key;
      }
      bool sent = false;
      bool got_bytes = false;
      auto result = exchange(req, verb == bhttp::verb::head, sent, got_bytes);
      if (result) {
        stream_.expires_never();
        return std::move(*result);
      }
      const beast::error_code ec = result.error();
      close();
      if (reused && attempt == 0 && !got_bytes && is_stale_connection(ec) && (!sent || idempotent)) continue;
      if (ec == beast::error::timeout) {
        return fail(Error::internal("request to " + shown + " timed out after " +
                                    std::to_string(options_.timeout.count()) + " ms"));
      }
      return fail(Error::internal("request to " + shown + " failed: " + ec.message()));
    }
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
    connected_to_.clear();
    buffer_.clear();
  }

 private:
  Result<Url> resolve_url(std::string_view text) {
    if (!text.empty() && text.front() == '/') {
      if (options_.base_url.empty()) {
        return fail(Error::invalid_input("url", "target '" + std::string(text) + "' needs a base URL"));
      }
      auto base = Url::parse(options_.base_url);
      if (!base) return fail(base.error());
      std::string prefix = base->target;
      const std::size_t q = prefix.find('?');
      if (q != std::string::npos) prefix.resize(q);
      while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
      base->target = prefix + std::string(text);
      return base;
    }
    return Url::parse(text);
  }

  // Runs one asynchronous operation to completion on the private io_context; the stream's
  // expiry turns a hang into beast::error::timeout.
  template <class Start>
  beast::error_code run(Start&& start) {
    beast::error_code result = net::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io_.restart();
    io_.run();
    return result;
  }

  Status connect(const Url& url, const std::string& shown) {
    beast::error_code ec;
    tcp::resolver resolver(io_);
    const auto endpoints = resolver.resolve(url.host, std::to_string(url.port), ec);
    if (ec) return fail(Error::internal("cannot connect to " + shown + ": cannot resolve host: " + ec.message()));
    ec = run([&](auto handler) { stream_.async_connect(endpoints, std::move(handler)); });
    if (ec) {
      close();
      if (ec == beast::error::timeout) {
        return fail(Error::internal("cannot connect to " + shown + ": timed out after " +
                                    std::to_string(options_.timeout.count()) + " ms"));
      }
      return fail(Error::internal("cannot connect to " + shown + ": " + ec.message()));
    }
    stream_.socket().set_option(tcp::no_delay(true), ec);
    connected_ = true;
    return {};
  }

  // A kept connection the server has closed while it was idle shows as readable at EOF.
  bool still_open() {
    pollfd p{stream_.socket().native_handle(), POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return true;
    char byte;
    return ::recv(p.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0 && errno == EAGAIN;
  }

  std::expected<Response, beast::error_code> exchange(bhttp::request<bhttp::string_body>& req, bool head,
                                                      bool& sent, bool& got_bytes) {
    beast::error_code ec = run([&](auto handler) { bhttp::async_write(stream_, req, std::move(handler)); });
    if (ec) return std::unexpected(ec);
    sent = true;

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);  // logs and listings can be large; the caller asked for them
    if (head) parser.skip(true);
    ec = run([&](auto handler) { bhttp::async_read(stream_, buffer_, parser, std::move(handler)); });
    got_bytes = parser.got_some();
    if (ec) return std::unexpected(ec);

    auto& message = parser.get();
    Response response;
    response.status = static_cast<int>(message.result_int());
    response.content_type.clear();
    for (const auto& field : message) {
      std::string name = lower(field.name_string());
      if (name == "content-type") response.content_type = std::string(field.value());
      response.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    response.body = std::move(message.body());
    if (!message.keep_alive()) close();
    return response;
  }

  ClientOptions options_;
  net::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  bool connected_ = false;
  std::string connected_to_;
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

Result<Response> Client::request(std::string_view method, std::string_view url, std::string_view body,
                                 const Headers& headers) {
  try {
    return impl_->request(method, url, body, headers);
  } catch (const std::exception& e) {
    impl_->close();
    return fail(Error::internal("request to " + std::string(url) + " failed: " + e.what()));
  }
}

void Client::close() { impl_->close(); }

}  // namespace jobflow::http
