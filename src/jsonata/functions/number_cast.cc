#include "jsonata/functions/number_cast.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace jobflow::jsonata {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_binary_digit(char c) { return c == '0' || c == '1'; }

// ^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$
bool is_decimal_literal(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// `0` `marker` followed by at least one digit accepted by `digit`, starting at `at`; returns the
// end of the digit run, or npos.
template <class Digit>
std::size_t radix_literal_end(std::string_view s, std::size_t at, char marker, Digit digit) {
  if (at + 2 >= s.size() || s[at] != '0' || (s[at + 1] | 0x20) != marker || !digit(s[at + 2]))
    return std::string_view::npos;
  std::size_t i = at + 2;
  while (i < s.size() && digit(s[i])) ++i;
  return i;
}

// /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/.test(s)
bool passes_radix_test(std::string_view s) {
  if (radix_literal_end(s, 0, 'x', is_hex_digit) != std::string_view::npos) return true;
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (radix_literal_end(s, at, 'o', is_octal_digit) != std::string_view::npos) return true;
    if (radix_literal_end(s, at, 'b', is_binary_digit) == s.size()) return true;
  }
  return false;
}

// The length of the JavaScript white space or line terminator (UTF-8) at the start of `s`, 0 if
// none: TAB VT FF SP NBSP ZWNBSP, the Zs category, LF CR LS PS.
std::size_t white_space_at(std::string_view s) {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c == '\t' || c == '\v' || c == '\f' || c == ' ' || c == '\n' || c == '\r') return 1;
  auto starts = [&](std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; };
  if (starts("\u00A0")) return 2;
  for (std::string_view w : {"\uFEFF", "\u1680", "\u202F", "\u205F", "\u3000", "\u2028", "\u2029"})
    if (starts(w)) return w.size();
  for (char32_t cp = 0x2000; cp <= 0x200A; ++cp) {
    const char seq[] = {static_cast<char>(0xE2), static_cast<char>(0x80), static_cast<char>(0x80 + (cp - 0x2000)), 0};
    if (starts(seq)) return 3;
  }
  return 0;
}

std::size_t white_space_before(std::string_view s) {
  // Every JavaScript white space is one ASCII byte or 2-3 UTF-8 bytes: try the widths.
  for (std::size_t width = 1; width <= 3 && width <= s.size(); ++width)
    if (white_space_at(s.substr(s.size() - width)) == width) return width;
  return 0;
}

std::string_view trim_js_white_space(std::string_view s) {
  while (std::size_t w = white_space_at(s)) s.remove_prefix(w);
  while (std::size_t w = white_space_before(s)) s.remove_suffix(w);
  return s;
}

// The binary digits of a radix-2^k literal's digits, most significant first.
std::string to_bits(std::string_view digits, int bits_per_digit) {
  std::string bits;
  for (char c : digits) {
    int v = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    for (int b = bits_per_digit - 1; b >= 0; --b) bits.push_back(((v >> b) & 1) ? '1' : '0');
  }
  return bits;
}

// The value of a binary digit string, correctly rounded (half to even) as JavaScript does:
// through a hexadecimal literal, which strtod rounds correctly.
double bits_to_double(std::string bits) {
  while (bits.size() % 4 != 0) bits.insert(bits.begin(), '0');
  std::string hex = "0x";
  for (std::size_t i = 0; i < bits.size(); i += 4) {
    int v = 0;
    for (int b = 0; b < 4; ++b) v = v * 2 + (bits[i + b] - '0');
    hex.push_back("0123456789abcdef"[v]);
  }
  return std::strtod(hex.c_str(), nullptr);
}

// JavaScript's Number(text) for a text that is not a decimal literal: a whole 0x/0o/0b literal
// after trimming, otherwise NaN.
double js_number_of_radix_literal(std::string_view text) {
  const std::string_view s = trim_js_white_space(text);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (s.size() < 3 || s[0] != '0') return nan;
  const std::string_view digits = s.substr(2);
  switch (s[1] | 0x20) {
    case 'x':
      if (radix_literal_end(s, 0, 'x', is_hex_digit) != s.size()) return nan;
      return bits_to_double(to_bits(digits, 4));
    case 'o':
      if (radix_literal_end(s, 0, 'o', is_octal_digit) != s.size()) return nan;
      return bits_to_double(to_bits(digits, 3));
    case 'b':
      if (radix_literal_end(s, 0, 'b', is_binary_digit) != s.size()) return nan;
      return bits_to_double(std::string(digits));
    default: return nan;
  }
}

}  // namespace

std::optional<double> cast_string_to_number(std::string_view text) {
  if (is_decimal_literal(text)) {
    const double value = std::strtod(std::string(text).c_str(), nullptr);
    if (std::isfinite(value)) return value;
  }
  if (passes_radix_test(text)) return js_number_of_radix_literal(text);
  return std::nullopt;
}

}  // namespace jobflow::jsonata
