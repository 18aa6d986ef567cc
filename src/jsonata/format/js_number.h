#pragma once

#include <string>
#include <string_view>

// The JavaScript Number behaviours the reference's formatting functions depend on. Inputs and
// results of JSONata numbers are IEEE doubles, printed and parsed the way V8 does it, so results
// match the reference digit for digit.
namespace jobflow::jsonata::format {

// Number.prototype.toString() (ECMAScript Number::toString, radix 10): the shortest digits that
// round-trip, positional for exponents in [-7, 21), otherwise "1.5e+21" / "1e-7"; "NaN",
// "Infinity", "-Infinity"; -0 prints "0".
std::string number_to_string(double value);

// Number.prototype.toFixed(digits), 0 <= digits <= 100: the exact decimal value of the double
// rounded half away from zero; values of magnitude >= 1e21 print as number_to_string().
std::string number_to_fixed(double value, int digits);

// Number.prototype.toString(radix) for an integral (or non-finite) value, 2 <= radix <= 36, with
// V8's algorithm: digits of magnitudes above 2^53 that a double cannot hold print as '0'.
// Radix 10 is number_to_string().
std::string number_to_radix_string(double value, int radix);

// parseInt(text) with radix 10: optional leading white space and sign, then the longest run of
// ASCII digits; NaN when there is none. Anything after the digits is ignored.
double parse_int(std::string_view text);

// parseFloat(text) for the simple "digits[.digits]" forms the reference builds itself.
double parse_float(std::string_view text);

// Math.round(): the nearest integer, halves toward +Infinity (-2.5 -> -2).
double js_math_round(double value);

}  // namespace jobflow::jsonata::format
