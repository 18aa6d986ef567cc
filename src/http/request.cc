#include "http/request.h"

#include "http/percent_decode.h"

namespace jobflow::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  // Names are stored lower-case, but callers passing "X-Amz-Target" should not silently miss.
  for (const auto& [name, value] : headers) {
    if (iequals(name, lower_name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string_view raw_key = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (percent_decode(raw_key, /*plus_as_space=*/true) == name) {
      return percent_decode(raw_value, /*plus_as_space=*/true);
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::path_param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace jobflow::http
