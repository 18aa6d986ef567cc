#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/request.h"
#include "http/response.h"
#include "http/server_context.h"

namespace jobflow::http {

// One accepted TCP connection, serving HTTP/1.1 requests one at a time (keep-alive, no
// pipelining: the next request is read only after the previous response is written).
// Everything runs on the connection's strand (the socket's executor). While a handler works
// on a request no I/O is pending, so the Reply it holds is what keeps the connection alive.
// Internal to http/: the Server creates these; nothing else includes this header.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `socket` must have been accepted on a strand.
  Connection(std::shared_ptr<ServerContext> context, boost::asio::ip::tcp::socket socket);
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();
  // Server stopping: closes now when waiting for a request, otherwise after the response.
  void shutdown();
  void force_close();

 private:
  class PendingReply;
  enum class State { kIdle, kReading, kHandling, kWriting, kLingering, kClosed };

  void read_request();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void on_request();
  Request make_request();
  void deliver(Response response);
  void write_response(Response response, bool error_close);
  void on_write(boost::beast::error_code ec, bool keep_alive, bool error_close);
  void linger();
  void drain();
  void close();

  std::shared_ptr<ServerContext> context_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  std::unique_ptr<char[]> drain_;

  State state_ = State::kIdle;
  bool attached_ = false;
  std::string remote_;

  // The request being served, kept for the response, metrics and the log line.
  std::string request_id_;
  std::string method_;
  std::string target_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_ = false;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace jobflow::http
