#include "jsonata/format/round_half_even.h"

#include <charconv>
#include <cmath>
#include <string>

#include "jsonata/format/js_number.h"

namespace jobflow::jsonata::format {
namespace {

// +(mantissa + 'e' + (exponent + shift)) on the JavaScript printing of `value`.
double shift_decimal_point(double value, int shift) {
  std::string text = number_to_string(value);
  const auto e = text.find('e');
  int exponent = shift;
  if (e != std::string::npos) {
    exponent += std::stoi(text.substr(e + 1));
    text.resize(e);
  }
  text += 'e';
  text += std::to_string(exponent);
  // The text is always a plain decimal number here: from_chars reads it exactly as strtod does,
  // only faster; out of range (overflow, underflow) is left to parse_float's strtod.
  double shifted = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), shifted);
  if (ec != std::errc() || end != text.data() + text.size()) return parse_float(text);
  return shifted;
}

}  // namespace

double round_half_even(double value, int precision) {
  double arg = value;
  if (precision != 0) {
    // The reference's string shift turns "Infinity" into "Infinitye2", which is NaN.
    arg = std::isfinite(arg) ? shift_decimal_point(arg, precision) : std::nan("");
  }

  double result = js_math_round(arg);
  const double diff = result - arg;
  if (std::abs(diff) == 0.5 && std::abs(std::fmod(result, 2.0)) == 1) {
    result -= 1;  // Math.round went up on a tie to an odd number: take the even one below
  }
  if (precision != 0 && std::isfinite(result)) result = shift_decimal_point(result, -precision);
  if (result == 0) result = 0;  // -0 -> 0
  return result;
}

}  // namespace jobflow::jsonata::format
