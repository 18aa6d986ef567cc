#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/error/jsonata_error.h"

// The picture of fn:format-integer as the reference implements it (datetime.js
// analyseIntegerPicture / _formatInteger / generateRegex), used by $formatInteger, $parseInteger
// and the integer-valued components of date/time pictures.
namespace jobflow::jsonata::format {

enum class IntegerStyle {
  kDecimal,   // a decimal digit pattern: "0", "#,##0", "0001", "١"
  kLetters,   // "a" / "A": a..z, aa..
  kRoman,     // "i" / "I"
  kWords,     // "w" / "W" / "Ww"
  kSequence,  // any other token: a numbering sequence the reference does not support (D3130)
};

enum class LetterCase { kLower, kUpper, kTitle };

struct GroupingSeparator {
  int position = 0;      // digits to its right
  char32_t character = 0;
};

struct IntegerPicture {
  IntegerStyle style = IntegerStyle::kDecimal;
  LetterCase letter_case = LetterCase::kLower;
  bool ordinal = false;  // the ";o" modifier
  std::u32string token;  // the primary format token, for D3130

  // Decimal digit patterns only.
  char32_t zero_code = U'0';  // the zero of the digit family the pattern uses
  int mandatory_digits = 0;
  int optional_digits = 0;
  // Regular grouping: one separator that repeats every `grouping[0].position` digits. Otherwise
  // each separator at its own position, the rightmost first.
  bool regular = false;
  std::vector<GroupingSeparator> grouping;
  // When a date/time picture puts two numbers side by side, the first is parsed with exactly this
  // many digits; 0 means any number of digits.
  int parse_width = 0;

  // D3131 when a decimal pattern mixes digit families.
  static JResult<IntegerPicture> compile(std::string_view picture);

  // Formats an integral value (callers floor first where the reference does). D3130 for a
  // numbering sequence; fails for roman numerals beyond kMaxRomanValue.
  JResult<std::string> format(double value) const;

  // The reference's parse of a whole string, without validating it against the picture: words,
  // numerals and letters as in english_words / roman_numerals / alphabetic_numbering; decimals
  // drop the ordinal suffix and separators and read the leading digits (parseInt), NaN if none.
  // D3130 for a numbering sequence.
  JResult<double> parse(std::string_view text) const;

  // D3130 for a numbering sequence, which can neither be formatted nor parsed.
  JsonataError sequence_error() const;
};

// $formatInteger(number, picture): undefined in, undefined out; the number is floored first.
JResult<std::optional<std::string>> format_integer(std::optional<double> value, std::string_view picture);

// $parseInteger(string, picture): undefined in, undefined out.
JResult<std::optional<double>> parse_integer(std::optional<std::string_view> value, std::string_view picture);

}  // namespace jobflow::jsonata::format
