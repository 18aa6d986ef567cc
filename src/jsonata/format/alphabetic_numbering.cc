#include "jsonata/format/alphabetic_numbering.h"

#include <algorithm>
#include <cmath>

#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {

std::string to_letters(double value, char first_letter) {
  std::string reversed;
  while (value > 0) {
    reversed.push_back(static_cast<char>(std::fmod(value - 1, 26) + first_letter));
    value = std::floor((value - 1) / 26);
  }
  return std::string(reversed.rbegin(), reversed.rend());
}

double from_letters(std::string_view letters, char first_letter) {
  const std::u16string units = to_utf16(letters);
  double decimal = 0;
  const std::size_t n = units.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double digit = static_cast<double>(units[n - i - 1]) - first_letter + 1;
    decimal += digit * std::pow(26.0, static_cast<double>(i));
  }
  return decimal;
}

}  // namespace jobflow::jsonata::format
