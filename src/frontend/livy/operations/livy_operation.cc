#include "frontend/livy/operations/livy_operation.h"

#include <charconv>

namespace jobflow::frontend::livy {

std::string path_id(const http::Request& request) {
  return std::string(request.path_param("id").value_or(""));
}

Result<std::optional<std::int64_t>> query_int(const http::Request& request, std::string_view name) {
  auto text = request.query_param(name);
  if (!text) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < INT32_MIN || value > INT32_MAX)
    return fail(Error::invalid_input("query", "For input string: \"" + *text + "\""));
  return std::optional<std::int64_t>{value};
}

http::Response json_response(int status, std::string body) { return http::Response::json(status, std::move(body)); }

}  // namespace jobflow::frontend::livy
