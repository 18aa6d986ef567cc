#include "frontend/integrations/http_task_call.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace jobflow::frontend {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

HttpTaskCall::HttpTaskCall(asio::io_context& io, asio::ssl::context& tls, const HttpHostAllowList& allow,
                           const HttpTaskClientOptions& options, HttpTaskRequest request, std::string state_name,
                           HttpTaskClient::Done done)
    : allow_(allow),
      options_(options),
      request_(std::move(request)),
      state_name_(std::move(state_name)),
      done_(std::move(done)),
      resolver_(io),
      deadline_(io),
      stream_(io, tls) {}

std::string HttpTaskCall::url() const {
  return fmt::format("{}://{}{}", request_.https ? "https" : "http", request_.authority(), request_.target);
}

void HttpTaskCall::start() {
  deadline_.expires_after(options_.timeout);
  deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->finished_) return;
    self->timed_out_ = true;
    self->close();  // the pending operation ends with an error, reported as the timeout
  });
  resolver_.async_resolve(request_.host, std::to_string(request_.port),
                          [self = shared_from_this()](const boost::system::error_code& ec, tcp::resolver::results_type r) {
                            self->on_resolved(ec, r);
                          });
}

void HttpTaskCall::abort() {
  finished_ = true;
  close();
}

void HttpTaskCall::close() {
  deadline_.cancel();
  resolver_.cancel();
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream_).socket().close(ignored);
}

void HttpTaskCall::on_resolved(const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
  if (finished_) return;
  if (ec) return fail_socket(fmt::format("Unable to resolve host '{}'", request_.host), ec);
  // The allow list is applied to what the name resolved to, so that only allowed addresses are
  // ever connected to.
  std::vector<tcp::endpoint> allowed;
  std::vector<std::string> refused;
  for (const auto& entry : results) {
    const auto address = entry.endpoint().address();
    if (allow_.allows(request_.host, address)) {
      allowed.push_back(entry.endpoint());
    } else {
      refused.push_back(address.to_string());
    }
  }
  if (allowed.empty()) {
    std::string addresses;
    for (const auto& a : refused) addresses += (addresses.empty() ? "" : ", ") + a;
    spdlog::warn("event=sfn_http_host_refused host={} addresses=\"{}\"", request_.host, addresses);
    return finish(asl::raise(asl::Failure{
        "States.Http.Socket",
        fmt::format("jobflow refused to connect to host '{}' ({}): it is not in the HTTP task allow list ({}). "
                    "Start the server with --http-task-allow {} to allow it.",
                    request_.host, addresses, allow_.describe(), request_.host)}));
  }
  beast::get_lowest_layer(stream_).async_connect(
      allowed, [self = shared_from_this()](const boost::system::error_code& ec, const tcp::endpoint&) {
        self->on_connected(ec);
      });
}

void HttpTaskCall::on_connected(const boost::system::error_code& ec) {
  if (finished_) return;
  if (ec) return fail_socket(fmt::format("Unable to connect to {}", request_.authority()), ec);
  if (!request_.https) return write_and_read(stream_.next_layer());
  // TLS: SNI for names (not for address literals), the chain checked against the system's CA
  // store (set up by the client), and the certificate's name against the URL's host.
  boost::system::error_code parse_error;
  asio::ip::make_address(request_.host, parse_error);
  if (parse_error && !SSL_set_tlsext_host_name(stream_.native_handle(), request_.host.c_str())) {
    return fail_socket("Unable to set the TLS server name",
                       boost::system::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()));
  }
  stream_.set_verify_callback(asio::ssl::host_name_verification(request_.host));
  stream_.async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](const boost::system::error_code& ec) {
    if (self->finished_) return;
    if (ec) return self->fail_socket(fmt::format("TLS handshake with {} failed", self->request_.authority()), ec);
    self->write_and_read(self->stream_);
  });
}

template <class Stream>
void HttpTaskCall::write_and_read(Stream& stream) {
  auto verb = http::string_to_verb(request_.method);
  wire_request_ = http::request<http::string_body>(verb, request_.target, 11);
  wire_request_.set(http::field::host, request_.authority());
  for (const auto& [name, value] : request_.headers) wire_request_.insert(name, value);
  if (request_.has_body) {
    wire_request_.body() = request_.body;
    wire_request_.prepare_payload();
  }
  parser_.body_limit(options_.body_limit);
  parser_.header_limit(64 * 1024);
  if (verb == http::verb::head) parser_.skip(true);
  http::async_write(stream, wire_request_,
                    [self = shared_from_this(), &stream](const boost::system::error_code& ec, std::size_t) {
                      if (self->finished_) return;
                      if (ec) return self->fail_socket(fmt::format("Unable to send the request to {}", self->url()), ec);
                      http::async_read(stream, self->buffer_, self->parser_,
                                       [self](const boost::system::error_code& ec, std::size_t) { self->on_read(ec); });
                    });
}

void HttpTaskCall::on_read(const boost::system::error_code& ec) {
  if (finished_) return;
  if (ec == http::error::body_limit) {
    return finish(asl::raise(asl::Failure{
        "States.DataLimitExceeded",
        fmt::format("The state/task '{}' returned a result with a size exceeding the maximum number of bytes service "
                    "limit.",
                    state_name_)}));
  }
  if (ec) return fail_socket(fmt::format("Unable to read the response from {}", url()), ec);
  auto& message = parser_.get();
  HttpTaskResponse response;
  response.status = static_cast<int>(message.result_int());
  response.reason = std::string(message.reason());
  for (const auto& field : message) response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(message.body());
  finish(std::move(response));
}

void HttpTaskCall::fail_socket(const std::string& what, const boost::system::error_code& ec) {
  if (timed_out_) {
    return finish(asl::raise(asl::Failure{
        "States.Http.Socket",
        fmt::format("The request to {} timed out after {} seconds.", url(),
                    std::chrono::duration_cast<std::chrono::duration<double>>(options_.timeout).count())}));
  }
  finish(asl::raise(asl::Failure{"States.Http.Socket", fmt::format("{}: {}", what, ec.message())}));
}

void HttpTaskCall::finish(asl::Outcome<HttpTaskResponse> outcome) {
  if (finished_) return;
  finished_ = true;
  close();
  auto done = std::move(done_);
  done(std::move(outcome));
}

}  // namespace jobflow::frontend
