#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobflow::http {

// A parsed HTTP request, free of Beast types so that front ends compile without Beast.
struct Request {
  std::string method;   // "GET", "POST", ...
  std::string target;   // path and query as sent
  std::string path;     // target without the query, percent-decoded
  std::string query;    // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string request_id;  // generated per request; echoed in logs and x-amzn-RequestId
  std::string remote;      // peer address, "ip:port"
  // Values of the `{name}` segments of the matched route pattern, percent-decoded; filled by
  // Router, empty for exact and predicate routes.
  std::vector<std::pair<std::string, std::string>> path_params;

  // Case-insensitive header lookup (names are stored lower-case).
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // First value of a query parameter, percent-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  // Value of a `{name}` segment of the matched route pattern.
  std::optional<std::string_view> path_param(std::string_view name) const;
};

}  // namespace jobflow::http
