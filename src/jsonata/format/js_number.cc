#include "jsonata/format/js_number.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace jobflow::jsonata::format {
namespace {

// The shortest round-trip digits of a positive finite double and its decimal exponent, in the
// form digits = "d1d2...dk", value = 0.d1d2...dk * 10^point (ECMAScript's n).
struct ShortestDigits {
  std::string digits;
  int point = 0;
};

ShortestDigits shortest_digits(double positive) {
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), positive,
                                 std::chars_format::scientific);
  std::string_view text(buf.data(), static_cast<std::size_t>(end - buf.data()));
  const auto e = text.find('e');
  ShortestDigits out;
  for (char c : text.substr(0, e)) {
    if (c != '.') out.digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
  out.point = exponent + 1;
  return out;
}

bool is_js_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

std::string number_to_string(double value) {
  if (std::isnan(value)) return "NaN";
  if (value == 0) return "0";
  if (value < 0) {
    std::string positive = number_to_string(-value);
    positive.insert(0, 1, '-');
    return positive;
  }
  if (std::isinf(value)) return "Infinity";

  const auto [digits, n] = shortest_digits(value);
  const int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) return digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21) return digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  if (-6 < n && n <= 0) {
    std::string small = "0.";
    small.append(static_cast<std::size_t>(-n), '0');
    small += digits;
    return small;
  }
  const int exponent = n - 1;
  std::string out = digits.substr(0, 1);
  if (k > 1) {
    out += '.';
    out += digits.substr(1);
  }
  out += exponent < 0 ? "e-" : "e+";
  out += std::to_string(std::abs(exponent));
  return out;
}

std::string number_to_fixed(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::abs(value) >= 1e21 || std::isinf(value)) return number_to_string(value);
  const bool negative = value < 0;
  if (digits >= 0 && digits <= 100) {
    // to_chars rounds the exact value correctly, as toFixed does, except on an exact tie (the
    // digits after the last kept one are 5 and then zeros), which it breaks to even where
    // toFixed goes up. Printed with 30 more digits, a tie shows as 5 and 29 zeros; anything else
    // is rounded alike by both, and is printed directly.
    char probe[200];
    const auto [probe_end, probe_ec] = std::to_chars(probe, probe + sizeof probe, std::abs(value),
                                                     std::chars_format::fixed, digits + 30);
    const std::string_view printed(probe, probe_ec == std::errc() ? static_cast<std::size_t>(probe_end - probe) : 0);
    const auto point = printed.find('.');
    if (point != std::string_view::npos && printed.size() == point + 1 + static_cast<std::size_t>(digits) + 30) {
      const std::string_view beyond = printed.substr(point + 1 + static_cast<std::size_t>(digits));
      const bool maybe_tie = beyond[0] == '5' && beyond.find_first_not_of('0', 1) == std::string_view::npos;
      if (!maybe_tie) {
        char buf[200];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::abs(value), std::chars_format::fixed, digits);
        if (ec == std::errc()) {
          std::string out;
          out.reserve(static_cast<std::size_t>(end - buf) + 1);
          if (negative) out += '-';
          out.append(buf, end);
          return out;
        }
      }
    }
  }
  // A double's exact decimal expansion has at most 1074 fractional digits, so printing that many
  // gives the exact value; the rounding below is then the one toFixed specifies (ties go to the
  // larger magnitude), not printf's round-half-even.
  static constexpr int kExactDigits = 1074;
  std::vector<char> buf(kExactDigits + 32);
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), std::abs(value),
                                 std::chars_format::fixed, kExactDigits);
  std::string exact(buf.data(), end);
  const auto dot = exact.find('.');
  std::string integer = exact.substr(0, dot);
  std::string fraction = exact.substr(dot + 1);
  std::string kept = integer + fraction.substr(0, static_cast<std::size_t>(digits));
  if (fraction[static_cast<std::size_t>(digits)] >= '5') {
    // Round the kept digits up by one unit in the last place.
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9') kept[static_cast<std::size_t>(i--)] = '0';
    if (i < 0) {
      kept.insert(kept.begin(), '1');
      integer.push_back('0');  // one more integer digit
    } else {
      ++kept[static_cast<std::size_t>(i)];
    }
  }
  const std::size_t integer_digits = integer.size();
  std::string out = kept.substr(0, integer_digits);
  if (digits > 0) {
    out += '.';
    out += kept.substr(integer_digits);
  }
  // toFixed keeps the sign of negative values that round to zero ("-0.00"), except -0 itself.
  if (negative) out.insert(out.begin(), '-');
  return out;
}

std::string number_to_radix_string(double value, int radix) {
  if (radix == 10 || std::isnan(value) || std::isinf(value)) return number_to_string(value);
  static constexpr std::string_view kChars = "0123456789abcdefghijklmnopqrstuvwxyz";
  const bool negative = value < 0;
  double integer = std::floor(std::abs(value));
  std::string reversed;
  // V8 (DoubleToRadixCString): while the quotient still exceeds 2^53 its low digits are not
  // representable; it emits '0' for them and divides in floating point.
  static constexpr double kTwoPow53 = 9007199254740992.0;
  while (integer / radix >= kTwoPow53) {
    integer /= radix;
    reversed.push_back('0');
  }
  do {
    const double remainder = std::fmod(integer, radix);
    reversed.push_back(kChars[static_cast<std::size_t>(remainder)]);
    integer = (integer - remainder) / radix;
  } while (integer > 0);
  if (negative) reversed.push_back('-');
  return std::string(reversed.rbegin(), reversed.rend());
}

double parse_int(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_js_space(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  const std::size_t start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == start) return std::nan("");
  // strtod rounds a long digit run correctly, as V8 does for radix 10.
  const std::string digits(text.substr(start, i - start));
  const double magnitude = std::strtod(digits.c_str(), nullptr);
  return negative ? -magnitude : magnitude;
}

double parse_float(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str()) return std::nan("");
  return v;
}

double js_math_round(double value) {
  if (!std::isfinite(value)) return value;
  const double floor = std::floor(value);
  // value - floor is exact for doubles, so the half test is exact too.
  const double rounded = (value - floor >= 0.5) ? floor + 1 : floor;
  // Math.round(-0.2) is -0 in JavaScript.
  if (rounded == 0 && std::signbit(value)) return -0.0;
  return rounded;
}

}  // namespace jobflow::jsonata::format
