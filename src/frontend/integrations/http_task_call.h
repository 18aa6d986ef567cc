#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "frontend/integrations/http_host_allow_list.h"
#include "frontend/integrations/http_task_client.h"

namespace jobflow::frontend {

// One HTTP task's request on the wire (internal to HttpTaskClient): resolve → check the
// addresses against the allow list → connect → [TLS handshake] → write → read, all under one
// deadline. Runs on the client's single io thread only, so it needs no locks.
class HttpTaskCall : public std::enable_shared_from_this<HttpTaskCall> {
 public:
  HttpTaskCall(boost::asio::io_context& io, boost::asio::ssl::context& tls, const HttpHostAllowList& allow,
               const HttpTaskClientOptions& options, HttpTaskRequest request, std::string state_name,
               HttpTaskClient::Done done);

  void start();
  // Stops the work; `done` is not called.
  void abort();

 private:
  void on_resolved(const boost::system::error_code& ec, const boost::asio::ip::tcp::resolver::results_type& results);
  void on_connected(const boost::system::error_code& ec);
  template <class Stream>
  void write_and_read(Stream& stream);
  void on_read(const boost::system::error_code& ec);
  void fail_socket(const std::string& what, const boost::system::error_code& ec);
  void finish(asl::Outcome<HttpTaskResponse> outcome);
  void close();
  std::string url() const;

  const HttpHostAllowList& allow_;
  HttpTaskClientOptions options_;
  HttpTaskRequest request_;
  std::string state_name_;
  HttpTaskClient::Done done_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer deadline_;
  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;  // TLS used only for https
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> wire_request_;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser_;
  bool finished_ = false;
  bool timed_out_ = false;
};

}  // namespace jobflow::frontend
