#pragma once

#include <string>
#include <string_view>

// Spreadsheet-column numbering, the picture 'a' / 'A' of $formatInteger: 1 = a, 26 = z, 27 = aa,
// 300 = kn (datetime.js decimalToLetters / lettersToDecimal).
namespace jobflow::jsonata::format {

// `value` is a non-negative integral double; 0 is "". `first_letter` is 'a' or 'A'.
std::string to_letters(double value, char first_letter);

// Each UTF-16 code unit counts (unit - first_letter + 1) times its power of 26, without checking
// that it is a letter, as in the reference.
double from_letters(std::string_view letters, char first_letter);

}  // namespace jobflow::jsonata::format
