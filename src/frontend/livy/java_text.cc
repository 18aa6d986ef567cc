#include "frontend/livy/java_text.h"

#include "base/utf8.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace jobflow::frontend::livy {
namespace {

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for stray bytes, so that any
// input is walked without reading past its end).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// UTF-16 units of the character whose UTF-8 sequence is `len` bytes long.
std::size_t units_of(std::size_t len) { return len == 4 ? 2 : 1; }

template <class T>
std::optional<T> parse_java_integer(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    if (text.size() == 1) return std::nullopt;
    i = 1;
  }
  // Accumulate negatively, as Java does, so that MIN_VALUE parses.
  T value = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    const T digit = c - '0';
    if (value < (std::numeric_limits<T>::min() + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == std::numeric_limits<T>::min()) return std::nullopt;
    value = -value;
  }
  return value;
}

}  // namespace

std::string java_double_to_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  // sci: [-]d[.ddd]e(+|-)xx
  std::string out;
  std::size_t pos = 0;
  if (sci[0] == '-') {
    out += '-';
    pos = 1;
  }
  const std::size_t e = sci.find('e');
  std::string digits;
  for (std::size_t i = pos; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exponent = 0;
  std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exponent);
  const double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out += digits;
        out.append(int_len - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, int_len);
        out += '.';
        out += digits.substr(int_len);
      }
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    }
    return out;
  }
  out += digits[0];
  out += '.';
  out += digits.size() > 1 ? digits.substr(1) : std::string("0");
  out += 'E';
  out += std::to_string(exponent);
  return out;
}

std::optional<std::int32_t> java_parse_int(std::string_view text) { return parse_java_integer<std::int32_t>(text); }

std::optional<std::int64_t> java_parse_long(std::string_view text) { return parse_java_integer<std::int64_t>(text); }

std::string_view java_trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && static_cast<unsigned char>(text[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(text[end - 1]) <= ' ') --end;
  return text.substr(begin, end - begin);
}

std::size_t java_length(std::string_view utf8) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(utf8[i]));
    units += units_of(len);
    i += len;
  }
  return units;
}

std::string_view java_prefix(std::string_view utf8, std::size_t units) {
  std::size_t i = 0, taken = 0;
  while (i < utf8.size()) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(utf8[i]));
    if (taken + units_of(len) > units) break;
    taken += units_of(len);
    i += len;
  }
  return utf8.substr(0, std::min(i, utf8.size()));
}

std::string_view java_suffix(std::string_view utf8, std::size_t units) {
  const std::size_t total = java_length(utf8);
  if (units >= total) return utf8;
  std::size_t skip = total - units, i = 0, skipped = 0;
  while (i < utf8.size() && skipped < skip) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(utf8[i]));
    skipped += units_of(len);
    i += len;
  }
  return utf8.substr(std::min(i, utf8.size()));
}

void append_utf8(std::string& out, std::uint32_t cp) {
  // Java strings cannot hold a lone surrogate once written as UTF-8: it becomes U+FFFD.
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  jobflow::append_utf8(out, cp);
}

bool java_identifier_start(std::uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
  if (c <= 0xFF) {
    // Currency symbols (¢ £ ¤ ¥) and the Latin-1 letters.
    return (c >= 0xA2 && c <= 0xA5) || c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
  }
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c >= 0x2000 && c <= 0x206F) return c == 0x203F || c == 0x2040 || c == 0x2054;
  if (c >= 0x3000 && c <= 0x3003) return false;
  if (c >= 0xFF01 && c <= 0xFF0F) return c == 0xFF04;
  return c < 0xFFF0;
}

bool java_identifier_part(std::uint32_t c) {
  if (java_identifier_start(c)) return true;
  if (c < 0x80) return (c >= '0' && c <= '9') || c <= 0x08 || (c >= 0x0E && c <= 0x1B) || c == 0x7F;
  if (c <= 0xFF) return c <= 0x9F || c == 0xAD;  // identifier-ignorable controls, soft hyphen
  if (c >= 0x2000 && c <= 0x206F) return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || c >= 0x2060;
  return c == 0xFEFF;
}

}  // namespace jobflow::frontend::livy
