#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace jobflow::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8998;  // Livy's default; 0 picks a free port (see Server::port())
  unsigned threads = 0;       // 0: one per hardware thread
  std::size_t body_limit = 16 * 1024 * 1024;  // larger bodies are answered with 413
  std::size_t header_limit = 64 * 1024;        // larger request heads are answered with 431
  // A connection that sends nothing (between requests, or mid-request) for this long is closed;
  // also bounds writing a response. A handler answering late (long poll) is not affected.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // How long stop() lets in-flight requests finish before it closes their connections.
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(5);
  // Builds the 413 response. It gets the request's method, target and headers (the body was not
  // read), so an AWS front end can answer in its own error format. Unset: {"message":"Request
  // entity too large"}.
  std::function<Response(const Request&)> too_large;
};

}  // namespace jobflow::http
