#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "http/client_options.h"
#include "http/response.h"

namespace jobflow::http {

// Small synchronous HTTP/1.1 client for the CLI and tests. Keeps one connection open and
// reuses it while requests go to the same host and port; a kept connection that the server
// has closed meanwhile is reopened once, transparently. Plain http only. Not thread-safe: use
// one Client per thread.
//
// `url` is "http://host:port/path?query", "host:port/path?query", or "/path?query" (appended
// to options.base_url). Response header names are lower-cased; `content_type` is filled from
// the Content-Type header. Any HTTP status is a successful Result; errors are for requests that
// got no response (bad URL, connection refused, timeout), with the URL in the message.
class Client {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  explicit Client(ClientOptions options = {});
  ~Client();

  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Result<Response> request(std::string_view method, std::string_view url, std::string_view body = {},
                           const Headers& headers = {});
  Result<Response> get(std::string_view url, const Headers& headers = {}) {
    return request("GET", url, {}, headers);
  }
  Result<Response> post(std::string_view url, std::string_view body, const Headers& headers = {}) {
    return request("POST", url, body, headers);
  }

  // Closes the kept connection, if any.
  void close();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jobflow::http
