#include "frontend/integrations/http_task_response.h"

#include <algorithm>
#include <cctype>

#include <boost/beast/http/status.hpp>
#include <fmt/format.h>

namespace jobflow::frontend {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "application/json; charset=utf-8" → "application/json".
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && std::isspace(static_cast<unsigned char>(content_type.back()))) content_type.remove_suffix(1);
  while (!content_type.empty() && std::isspace(static_cast<unsigned char>(content_type.front()))) content_type.remove_prefix(1);
  return lower(content_type);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) ||
        (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

asl::Outcome<asl::JsonPtr> HttpTaskResponse::to_output() const {
  std::string type;
  boost::json::object header_object;
  for (const auto& [name, value] : headers) {
    if (lower(name) == "content-type") type = media_type(value);
    auto& values = header_object[name];
    if (!values.is_array()) values = boost::json::array();
    values.get_array().emplace_back(value);
  }
  if (type == "application/octet-stream" || type.starts_with("image/") || type.starts_with("video/") ||
      type.starts_with("audio/")) {
    return asl::raise(asl::Failure::runtime(
        fmt::format("The HTTP response has the content type '{}', which an HTTP Task does not support.", type)));
  }
  if (!is_valid_utf8(body)) {
    return asl::raise(asl::Failure::runtime("The HTTP response body can't be read as a valid UTF-8 string."));
  }
  boost::json::value response_body(body);
  if (type == "application/json" || type.ends_with("+json")) {
    if (auto parsed = asl::parse_json(body)) response_body = *parsed;
  }
  std::string text = reason;
  if (text.empty()) {
    const auto known = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
    if (!known.starts_with("<")) text = std::string(known);  // "<unknown-status>": none
  }
  boost::json::object output;
  output["Headers"] = std::move(header_object);
  output["ResponseBody"] = std::move(response_body);
  output["StatusCode"] = status;
  output["StatusText"] = text;
  boost::json::value value(std::move(output));
  if (status < 200 || status > 299) {
    return asl::raise(asl::Failure{fmt::format("States.Http.StatusCode.{}", status), asl::to_text(value)});
  }
  return asl::make_json(std::move(value));
}

}  // namespace jobflow::frontend
