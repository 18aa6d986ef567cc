#pragma once

#include <string>
#include <string_view>

// Roman numerals as the reference writes and reads them (datetime.js decimalToRoman /
// romanToDecimal): subtractive forms (cm, cd, xc, xl, ix, iv), no overline for thousands, so
// big numbers are runs of 'm'.
namespace jobflow::jsonata::format {

// The reference recurses once per numeral and overflows the JavaScript stack long before this;
// above it we fail instead of building megabytes of 'm'.
inline constexpr double kMaxRomanValue = 1e7;

// Lower case; 0 is "". `value` is a non-negative integral double below kMaxRomanValue.
std::string to_roman(double value);

// Upper-case numerals M D C L X V I (callers upper-case lower-case input first). A numeral smaller
// than one to its right subtracts. Any other character makes the result NaN.
double from_roman(std::string_view upper_case_numerals);

}  // namespace jobflow::jsonata::format
