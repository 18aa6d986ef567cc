#pragma once

#include <chrono>
#include <string>

namespace jobflow::http {

struct ClientOptions {
  // Prefix for targets given as "/path" (e.g. "http://127.0.0.1:8998").
  std::string base_url;
  // Bounds one request: connect, write and read together.
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
  std::string user_agent = "jobflow";
};

}  // namespace jobflow::http
