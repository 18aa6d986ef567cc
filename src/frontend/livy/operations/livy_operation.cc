#include "frontend/livy/operations/livy_operation.h"

#include <algorithm>
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

Result<LivySlice> list_slice(const http::Request& request) {
  auto from = query_int(request, "from");
  if (!from) return fail(from.error());
  auto size = query_int(request, "size");
  if (!size) return fail(size.error());
  LivySlice slice;
  slice.from = from->value_or(0);
  slice.begin = std::max<std::int64_t>(0, slice.from);
  slice.count = std::max<std::int64_t>(0, slice.from + size->value_or(100) - slice.begin);
  return slice;
}

}  // namespace jobflow::frontend::livy
