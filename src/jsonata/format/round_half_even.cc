#include "jsonata/format/round_half_even.h"

#include <cmath>
#include <string>

#include "jsonata/format/js_number.h"

namespace jobflow::jsonata::format {
namespace {

// +(mantissa + 'e' + (exponent + shift)) on the JavaScript printing of `value`.
double shift_decimal_point(double value, int shift) {
  const std::string text = number_to_string(value);
  const auto e = text.find('e');
  std::string shifted;
  if (e == std::string::npos) {
    shifted = text + "e" + std::to_string(shift);
  } else {
    const int exponent = std::stoi(text.substr(e + 1));
    shifted = text.substr(0, e) + "e" + std::to_string(exponent + shift);
  }
  return parse_float(shifted);
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
