#include "engine/sfn/page_token.h"

#include <fmt/format.h>

namespace jobflow::engine::sfn {
namespace {

std::uint64_t fnv1a(std::string_view a, std::string_view b) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(a);
  mix("\x1f");
  mix(b);
  return h;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Error invalid_token() { return Error::invalid_input("token", "Invalid Token: 'Invalid token'"); }

}  // namespace

std::string encode_page_token(std::string_view list, std::string_view cursor) {
  std::string out;
  out.reserve(cursor.size() * 2 + 17);
  for (unsigned char c : cursor) out += fmt::format("{:02x}", c);
  out += fmt::format(".{:016x}", fnv1a(list, cursor));
  return out;
}

Result<std::string> decode_page_token(std::string_view list, std::string_view token) {
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos || dot % 2 != 0) return fail(invalid_token());
  std::string cursor;
  for (std::size_t i = 0; i < dot; i += 2) {
    const int hi = hex_value(token[i]);
    const int lo = hex_value(token[i + 1]);
    if (hi < 0 || lo < 0) return fail(invalid_token());
    cursor += static_cast<char>(hi * 16 + lo);
  }
  if (token.substr(dot + 1) != fmt::format("{:016x}", fnv1a(list, cursor))) return fail(invalid_token());
  return cursor;
}

}  // namespace jobflow::engine::sfn
