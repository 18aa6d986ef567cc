#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::http {

// The parts of an http URL the client needs.
struct Url {
  std::string host;          // without brackets for IPv6
  std::uint16_t port = 80;
  std::string target = "/";  // path and query, always starting with '/'

  // "host:port" as sent in the Host header ("[::1]:8998" for IPv6).
  std::string authority() const;
  std::string to_string() const { return "http://" + authority() + target; }

  // Accepts "http://host[:port][/target]" and "host[:port][/target]"; "https://" is refused
  // (the client speaks plain http only). A fragment is dropped.
  static Result<Url> parse(std::string_view text);
};

}  // namespace jobflow::http
