#include "jsonata/format/roman_numerals.h"

#include <array>
#include <cmath>
#include <utility>

namespace jobflow::jsonata::format {
namespace {

constexpr std::array<std::pair<double, std::string_view>, 13> kNumerals = {{
    {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
    {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"},
}};

double numeral_value(char c) {
  switch (c) {
    case 'M': return 1000;
    case 'D': return 500;
    case 'C': return 100;
    case 'L': return 50;
    case 'X': return 10;
    case 'V': return 5;
    case 'I': return 1;
    default: return std::nan("");
  }
}

}  // namespace

std::string to_roman(double value) {
  std::string out;
  for (const auto& [amount, numeral] : kNumerals) {
    while (value >= amount) {
      out += numeral;
      value -= amount;
    }
  }
  return out;
}

double from_roman(std::string_view numerals) {
  double decimal = 0;
  double max = 1;
  for (auto it = numerals.rbegin(); it != numerals.rend(); ++it) {
    const double value = numeral_value(*it);
    if (std::isnan(value)) return value;  // the reference adds `undefined`, giving NaN
    if (value < max) {
      decimal -= value;
    } else {
      max = value;
      decimal += value;
    }
  }
  return decimal;
}

}  // namespace jobflow::jsonata::format
