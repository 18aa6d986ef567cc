#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/error/jsonata_error.h"

// $formatNumber: the picture strings of XPath F&O 3.1 fn:format-number (§4.7), as the reference
// implements them in functions.js formatNumber, quirks included (see README.md).
namespace jobflow::jsonata::format {

// The decimal-format properties; the third argument of $formatNumber overrides any of them.
// UTF-8. The reference compares picture characters with these one UTF-16 code unit at a time, so
// a property of several characters ("pm" for per-mille) works where it searches for it as a
// substring (percent, per-mille, separators in validation) but never counts as an active
// character.
struct DecimalFormat {
  std::string decimal_separator = ".";
  std::string grouping_separator = ",";
  std::string exponent_separator = "e";
  std::string infinity = "Infinity";  // accepted, unused by the reference
  std::string minus_sign = "-";
  std::string nan = "NaN";            // accepted, unused by the reference
  std::string percent = "%";
  std::string per_mille = "\u2030";
  std::string zero_digit = "0";
  std::string digit = "#";
  std::string pattern_separator = ";";

  // Sets the property the reference's options object names `name` ("decimal-separator",
  // "per-mille", "NaN", ...). Returns false, changing nothing, for any other name: the reference
  // copies unknown keys too but never reads them.
  bool set(std::string_view name, std::string value);
};

// A picture string analysed against a DecimalFormat (F&O §4.7.3 validation, §4.7.4 analysis),
// ready to format any number of values.
class NumberPicture {
 public:
  // D3080..D3093 for an invalid picture; like the reference, when a sub-picture breaks several
  // rules the error is the last rule checked.
  static JResult<NumberPicture> compile(std::string_view picture, const DecimalFormat& format = {});

  // F&O §4.7.5 as the reference does it; never fails.
  std::string format(double value) const;

  // What analysis found for one sub-picture; public for tests and diagnostics.
  struct SubPicture {
    std::vector<int> integer_grouping_positions;
    int regular_grouping = 0;
    int minimum_integer_size = 0;
    int scaling_factor = 0;
    std::u16string prefix;
    std::vector<int> fractional_grouping_positions;
    int minimum_fraction_size = 0;
    int maximum_fraction_size = 0;
    int minimum_exponent_size = 0;
    std::u16string suffix;
    std::u16string picture;
  };

 private:
  struct Properties {
    std::u16string decimal_separator, grouping_separator, exponent_separator, minus_sign, percent,
        per_mille, zero_digit, digit, pattern_separator;
    std::vector<std::u16string> digit_family;  // zero-digit and the nine characters after it
  };

  std::u16string make_string(double value, int fraction_digits) const;

  Properties properties_;
  SubPicture positive_;
  SubPicture negative_;
};

// $formatNumber(number, picture[, options]): undefined in, undefined out.
JResult<std::optional<std::string>> format_number(std::optional<double> value, std::string_view picture,
                                                  const DecimalFormat& format = {});

}  // namespace jobflow::jsonata::format
