#include "jsonata/functions/base64_encoding.h"

#include "base/base64.h"
#include "base/utf8.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata {
namespace {

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

std::string base64_encode_latin1(std::string_view text) {
  std::string bytes;
  for (const char16_t unit : format::to_utf16(text)) bytes += static_cast<char>(unit & 0xFF);
  return base64_encode(bytes);
}

std::string base64_decode_latin1(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const int value = sextet(c);
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      append_utf8(out, (bits >> count) & 0xFF);
    }
  }
  return out;
}

}  // namespace jobflow::jsonata
