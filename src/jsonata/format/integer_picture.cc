#include "jsonata/format/integer_picture.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "jsonata/format/alphabetic_numbering.h"
#include "jsonata/format/english_words.h"
#include "jsonata/format/js_number.h"
#include "jsonata/format/roman_numerals.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {
namespace {

// The zero of every Unicode decimal digit family in the Basic Multilingual Plane that the
// reference recognises (datetime.js decimalGroups).
constexpr std::array<char32_t, 37> kDecimalGroups = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::optional<char32_t> digit_family(char32_t c) {
  for (char32_t zero : kDecimalGroups) {
    if (c >= zero && c <= zero + 9) return zero;
  }
  return std::nullopt;
}

std::string ascii_upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The interval at which separators repeat when they are all the same character and sit at every
// multiple of one interval ("#,###,##0" -> 3); 0 when they are not regular.
int regular_interval(const std::vector<GroupingSeparator>& separators) {
  if (separators.empty()) return 0;
  for (const auto& s : separators) {
    if (s.character != separators.front().character) return 0;
  }
  int factor = separators.front().position;
  for (std::size_t i = 1; i < separators.size(); ++i) factor = std::gcd(factor, separators[i].position);
  for (std::size_t index = 1; index <= separators.size(); ++index) {
    const int wanted = static_cast<int>(index) * factor;
    const bool found = std::any_of(separators.begin(), separators.end(),
                                   [wanted](const GroupingSeparator& s) { return s.position == wanted; });
    if (!found) return 0;
  }
  return factor;
}

// JavaScript's String.prototype.substr(start[, length]) on code points.
std::u32string js_substr(const std::u32string& s, long start, long length) {
  const long size = static_cast<long>(s.size());
  if (start < 0) start = std::max(size + start, 0L);
  start = std::min(start, size);
  length = std::min(std::max(length, 0L), size - start);
  return s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(length));
}

std::string format_decimal(double value, const IntegerPicture& picture) {
  std::u32string digits = to_code_points(number_to_string(value));  // the reference's '' + value
  const long pad = picture.mandatory_digits - static_cast<long>(digits.size());
  if (pad > 0) digits.insert(0, static_cast<std::size_t>(pad), U'0');
  if (picture.zero_code != U'0') {
    for (char32_t& c : digits) c = c + picture.zero_code - U'0';
  }

  if (picture.regular) {
    const long interval = picture.grouping.front().position;
    const long groups = (static_cast<long>(digits.size()) - 1) / interval;
    for (long i = groups; i > 0; --i) {
      const long pos = static_cast<long>(digits.size()) - i * interval;
      digits.insert(static_cast<std::size_t>(pos), 1, picture.grouping.front().character);
    }
  } else {
    // Leftmost separator first, each counted from the right end. Like the reference, a separator
    // further left than the number has digits lands with JavaScript substr's negative-index rules
    // (12 with "#:###,##0" gives ",:12").
    for (auto it = picture.grouping.rbegin(); it != picture.grouping.rend(); ++it) {
      const long size = static_cast<long>(digits.size());
      const long pos = size - it->position;
      digits = js_substr(digits, 0, pos) + it->character + js_substr(digits, pos, size);
    }
  }

  std::string out = from_code_points(digits);
  if (picture.ordinal) {
    const char32_t last = digits.empty() ? 0 : digits.back();
    std::string_view suffix = last == U'1' ? "st" : last == U'2' ? "nd" : last == U'3' ? "rd" : "th";
    if (digits.size() > 1 && digits[digits.size() - 2] == U'1') suffix = "th";  // 11th, 12th, 13th
    out += suffix;
  }
  return out;
}

double parse_decimal(std::string_view text, const IntegerPicture& picture) {
  std::u16string digits = to_utf16(text);
  if (picture.ordinal) digits = digits.substr(0, digits.size() >= 2 ? digits.size() - 2 : 0);
  auto remove_all = [&digits](char32_t c) {
    const std::u16string unit = to_utf16(from_code_points(std::u32string(1, c)));
    for (auto pos = digits.find(unit); pos != std::u16string::npos; pos = digits.find(unit, pos)) {
      digits.erase(pos, unit.size());
    }
  };
  if (picture.regular) {
    // The reference strips ',' here whatever the separator is, so "1:234" with "#:##0" reads 1.
    remove_all(U',');
  } else {
    for (const auto& separator : picture.grouping) remove_all(separator.character);
  }
  if (picture.zero_code != U'0') {
    for (char16_t& c : digits) {
      if (c >= picture.zero_code && c <= picture.zero_code + 9) c = static_cast<char16_t>(c - picture.zero_code + u'0');
    }
  }
  return parse_int(from_utf16(digits));
}

}  // namespace

JResult<IntegerPicture> IntegerPicture::compile(std::string_view picture) {
  IntegerPicture out;
  std::string_view primary = picture;
  if (const auto semicolon = picture.rfind(';'); semicolon != std::string_view::npos) {
    primary = picture.substr(0, semicolon);
    const std::string_view modifier = picture.substr(semicolon + 1);
    out.ordinal = !modifier.empty() && modifier.front() == 'o';  // 'c' (cardinal) is the default
  }

  if (primary == "A" || primary == "a") {
    out.style = IntegerStyle::kLetters;
    out.letter_case = primary == "A" ? LetterCase::kUpper : LetterCase::kLower;
    return out;
  }
  if (primary == "I" || primary == "i") {
    out.style = IntegerStyle::kRoman;
    out.letter_case = primary == "I" ? LetterCase::kUpper : LetterCase::kLower;
    return out;
  }
  if (primary == "W" || primary == "Ww" || primary == "w") {
    out.style = IntegerStyle::kWords;
    out.letter_case = primary == "W" ? LetterCase::kUpper : primary == "Ww" ? LetterCase::kTitle : LetterCase::kLower;
    return out;
  }

  // A decimal digit pattern if it has a digit of any family; scanned right to left so each
  // separator's position is the number of digit signs to its right.
  const std::u32string code_points = to_code_points(primary);
  std::optional<char32_t> zero;
  int separator_position = 0;
  for (auto it = code_points.rbegin(); it != code_points.rend(); ++it) {
    if (const auto family = digit_family(*it)) {
      ++out.mandatory_digits;
      ++separator_position;
      if (!zero) {
        zero = *family;
      } else if (*zero != *family) {
        return fail("D3131");
      }
    } else if (*it == U'#') {
      ++separator_position;
      ++out.optional_digits;
    } else {
      out.grouping.push_back({separator_position, *it});
    }
  }
  if (out.mandatory_digits == 0) {
    out.style = IntegerStyle::kSequence;
    out.token = code_points;
    return out;
  }
  out.style = IntegerStyle::kDecimal;
  out.zero_code = *zero;
  if (const int interval = regular_interval(out.grouping); interval > 0) {
    out.regular = true;
    out.grouping = {GroupingSeparator{interval, out.grouping.front().character}};
  }
  return out;
}

JResult<std::string> IntegerPicture::format(double value) const {
  const bool negative = value < 0;
  value = std::abs(value);
  std::string formatted;
  switch (style) {
    case IntegerStyle::kLetters:
      formatted = to_letters(value, letter_case == LetterCase::kUpper ? 'A' : 'a');
      break;
    case IntegerStyle::kRoman:
      if (value >= kMaxRomanValue) {
        return std::unexpected(JsonataError{"RangeError", "Maximum call stack size exceeded"});
      }
      formatted = to_roman(value);
      if (letter_case == LetterCase::kUpper) formatted = ascii_upper(std::move(formatted));
      break;
    case IntegerStyle::kWords:
      formatted = number_to_words(value, ordinal);
      if (letter_case == LetterCase::kUpper) formatted = ascii_upper(std::move(formatted));
      if (letter_case == LetterCase::kLower) formatted = ascii_lower(std::move(formatted));
      break;
    case IntegerStyle::kDecimal:
      formatted = format_decimal(value, *this);
      break;
    case IntegerStyle::kSequence:
      return std::unexpected(sequence_error());
  }
  if (negative) formatted.insert(formatted.begin(), '-');
  return formatted;
}

JResult<double> IntegerPicture::parse(std::string_view text) const {
  switch (style) {
    case IntegerStyle::kLetters:
      return from_letters(text, letter_case == LetterCase::kUpper ? 'A' : 'a');
    case IntegerStyle::kRoman:
      return from_roman(letter_case == LetterCase::kUpper ? std::string(text) : ascii_upper(std::string(text)));
    case IntegerStyle::kWords:
      return words_to_number(ascii_lower(std::string(text)));
    case IntegerStyle::kDecimal:
      return parse_decimal(text, *this);
    case IntegerStyle::kSequence:
      break;
  }
  return std::unexpected(sequence_error());
}

JsonataError IntegerPicture::sequence_error() const {
  return error("D3130", {ErrorInsert::text("value", from_code_points(token))});
}

JResult<std::optional<std::string>> format_integer(std::optional<double> value, std::string_view picture) {
  if (!value) return std::optional<std::string>();
  auto compiled = IntegerPicture::compile(picture);
  if (!compiled) return std::unexpected(compiled.error());
  auto formatted = compiled->format(std::floor(*value));
  if (!formatted) return std::unexpected(formatted.error());
  return std::optional<std::string>(std::move(*formatted));
}

JResult<std::optional<double>> parse_integer(std::optional<std::string_view> value, std::string_view picture) {
  if (!value) return std::optional<double>();
  auto compiled = IntegerPicture::compile(picture);
  if (!compiled) return std::unexpected(compiled.error());
  auto parsed = compiled->parse(*value);
  if (!parsed) return std::unexpected(parsed.error());
  return std::optional<double>(*parsed);
}

}  // namespace jobflow::jsonata::format
