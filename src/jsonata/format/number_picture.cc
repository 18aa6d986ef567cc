#include "jsonata/format/number_picture.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "jsonata/format/js_number.h"
#include "jsonata/format/js_string.h"
#include "jsonata/format/round_half_even.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {
namespace {

// The parts of one sub-picture (F&O §4.7.3), split the reference's way.
struct PictureParts {
  std::u16string prefix, suffix, active, mantissa, integer, fraction, subpicture;
  std::optional<std::u16string> exponent;
};

// The character classes the reference derives from the decimal format.
struct CharClasses {
  const std::vector<std::u16string>& family;
  std::vector<std::u16string> active;  // the family, then the separators, digit and pattern separator
  const std::u16string& digit;

  bool in_family(char16_t c) const {
    return std::find(family.begin(), family.end(), std::u16string(1, c)) != family.end();
  }
  bool is_active(char16_t c) const {
    return std::find(active.begin(), active.end(), std::u16string(1, c)) != active.end();
  }
  bool is_digit_sign(char16_t c) const { return in_family(c) || std::u16string(1, c) == digit; }
  long count_family(std::u16string_view s) const {
    return std::count_if(s.begin(), s.end(), [this](char16_t c) { return in_family(c); });
  }
  long count_digit_signs(std::u16string_view s) const {
    return std::count_if(s.begin(), s.end(), [this](char16_t c) { return is_digit_sign(c); });
  }
};

PictureParts split_parts(const std::u16string& subpicture, const CharClasses& classes,
                         const std::u16string& exponent_separator, const std::u16string& decimal_separator) {
  PictureParts parts;
  parts.subpicture = subpicture;
  const long size = static_cast<long>(subpicture.size());
  // The prefix runs up to the first active character other than the exponent separator, the
  // suffix back from the last one; both are empty when there is none.
  auto counts = [&](char16_t c) { return classes.is_active(c) && std::u16string(1, c) != exponent_separator; };
  for (long i = 0; i < size; ++i) {
    if (counts(subpicture[static_cast<std::size_t>(i)])) {
      parts.prefix = js::substring(subpicture, 0, i);
      break;
    }
  }
  for (long i = size - 1; i >= 0; --i) {
    if (counts(subpicture[static_cast<std::size_t>(i)])) {
      parts.suffix = js::substring(subpicture, i + 1);
      break;
    }
  }
  parts.active = js::substring(subpicture, static_cast<long>(parts.prefix.size()),
                               size - static_cast<long>(parts.suffix.size()));
  const long exponent_position = js::index_of(subpicture, exponent_separator, static_cast<long>(parts.prefix.size()));
  if (exponent_position == -1 || exponent_position > size - static_cast<long>(parts.suffix.size())) {
    parts.mantissa = parts.active;
  } else {
    // The reference cuts the active part at the exponent's index in the whole sub-picture.
    parts.mantissa = js::substring(parts.active, 0, exponent_position);
    parts.exponent = js::substring(parts.active, exponent_position + 1);
  }
  const long decimal_position = js::index_of(parts.mantissa, decimal_separator);
  if (decimal_position == -1) {
    parts.integer = parts.mantissa;
    parts.fraction = parts.suffix;  // sic: the reference takes the suffix as the fractional part
  } else {
    parts.integer = js::substring(parts.mantissa, 0, decimal_position);
    parts.fraction = js::substring(parts.mantissa, decimal_position + 1);
  }
  return parts;
}

bool contains(std::u16string_view s, std::u16string_view search) { return js::index_of(s, search) != -1; }

// s = s.slice(0, at) + text + s.slice(at): in place when `at` is inside the string, where the
// slices' rules (negative indexes from the end, clamping) change nothing.
void insert_at(std::u16string& s, long at, std::u16string_view text) {
  if (at >= 0 && at <= static_cast<long>(s.size())) {
    s.insert(static_cast<std::size_t>(at), text);
  } else {
    s = js::slice(s, 0, at) + std::u16string(text) + js::slice(s, at);
  }
}

// F&O §4.7.3: the rules in the reference's order; a later broken rule replaces an earlier one.
std::optional<std::string_view> broken_rule(const PictureParts& parts, const CharClasses& classes,
                                            const std::u16string& decimal,
                                            const std::u16string& grouping, const std::u16string& percent,
                                            const std::u16string& per_mille) {
  std::optional<std::string_view> code;
  const auto& sub = parts.subpicture;
  const long decimal_pos = js::index_of(sub, decimal);
  if (decimal_pos != js::last_index_of(sub, decimal)) code = "D3081";
  if (js::index_of(sub, percent) != js::last_index_of(sub, percent)) code = "D3082";
  if (js::index_of(sub, per_mille) != js::last_index_of(sub, per_mille)) code = "D3083";
  if (contains(sub, percent) && contains(sub, per_mille)) code = "D3084";
  if (std::none_of(parts.mantissa.begin(), parts.mantissa.end(), [&](char16_t c) { return classes.is_digit_sign(c); })) {
    code = "D3085";
  }
  if (std::any_of(parts.active.begin(), parts.active.end(), [&](char16_t c) { return !classes.is_active(c); })) {
    code = "D3086";
  }
  if (decimal_pos != -1) {
    if (js::char_at(sub, decimal_pos - 1) == grouping || js::char_at(sub, decimal_pos + 1) == grouping) code = "D3087";
  } else if (js::char_at(parts.integer, static_cast<long>(parts.integer.size()) - 1) == grouping) {
    code = "D3088";
  }
  if (contains(sub, grouping + grouping)) code = "D3089";
  if (const long pos = js::index_of(parts.integer, classes.digit); pos != -1) {
    if (classes.count_family(js::substring(parts.integer, 0, pos)) > 0) code = "D3090";
  }
  if (const long pos = js::last_index_of(parts.fraction, classes.digit); pos != -1) {
    if (classes.count_family(js::substring(parts.fraction, pos)) > 0) code = "D3091";
  }
  if (parts.exponent && !parts.exponent->empty() && (contains(sub, percent) || contains(sub, per_mille))) {
    code = "D3092";
  }
  if (parts.exponent &&
      (parts.exponent->empty() || classes.count_family(*parts.exponent) != static_cast<long>(parts.exponent->size()))) {
    code = "D3093";
  }
  return code;
}

// Positions of the grouping separators in `part`: digit signs to their right (or, for the
// fractional part, to their left). After the first, the reference looks for the next separator
// in the integer part whichever part it measures; kept as it is.
std::vector<int> grouping_positions(const std::u16string& part, bool to_left, const PictureParts& parts,
                                    const CharClasses& classes, const std::u16string& grouping) {
  std::vector<int> positions;
  if (grouping.empty()) return positions;  // the reference would loop for ever
  long pos = js::index_of(part, grouping);
  while (pos != -1) {
    const std::u16string measured = to_left ? js::substring(part, 0, pos) : js::substring(part, pos);
    positions.push_back(static_cast<int>(classes.count_digit_signs(measured)));
    pos = js::index_of(parts.integer, grouping, pos + 1);
  }
  return positions;
}

int regular_interval(const std::vector<int>& positions) {
  if (positions.empty()) return 0;
  int factor = positions.front();
  for (std::size_t i = 1; i < positions.size(); ++i) factor = std::gcd(factor, positions[i]);
  for (std::size_t index = 1; index <= positions.size(); ++index) {
    if (std::find(positions.begin(), positions.end(), static_cast<int>(index) * factor) == positions.end()) return 0;
  }
  return factor;
}

NumberPicture::SubPicture analyse(const PictureParts& parts, const CharClasses& classes, const std::u16string& grouping) {
  NumberPicture::SubPicture sub;
  sub.integer_grouping_positions = grouping_positions(parts.integer, false, parts, classes, grouping);
  sub.regular_grouping = regular_interval(sub.integer_grouping_positions);
  sub.fractional_grouping_positions = grouping_positions(parts.fraction, true, parts, classes, grouping);
  sub.minimum_integer_size = static_cast<int>(classes.count_family(parts.integer));
  sub.scaling_factor = sub.minimum_integer_size;
  sub.minimum_fraction_size = static_cast<int>(classes.count_family(parts.fraction));
  sub.maximum_fraction_size = static_cast<int>(classes.count_digit_signs(parts.fraction));
  const bool exponent_present = parts.exponent.has_value();
  if (sub.minimum_integer_size == 0 && sub.maximum_fraction_size == 0) {
    if (exponent_present) {
      sub.minimum_fraction_size = 1;
      sub.maximum_fraction_size = 1;
    } else {
      sub.minimum_integer_size = 1;
    }
  }
  if (exponent_present && sub.minimum_integer_size == 0 && contains(parts.integer, classes.digit)) {
    sub.minimum_integer_size = 1;
  }
  if (sub.minimum_integer_size == 0 && sub.minimum_fraction_size == 0) sub.minimum_fraction_size = 1;
  if (exponent_present) sub.minimum_exponent_size = static_cast<int>(classes.count_family(*parts.exponent));
  sub.prefix = parts.prefix;
  sub.suffix = parts.suffix;
  sub.picture = parts.subpicture;
  return sub;
}

}  // namespace

bool DecimalFormat::set(std::string_view name, std::string value) {
  std::string* field = name == "decimal-separator"    ? &decimal_separator
                       : name == "grouping-separator" ? &grouping_separator
                       : name == "exponent-separator" ? &exponent_separator
                       : name == "infinity"           ? &infinity
                       : name == "minus-sign"         ? &minus_sign
                       : name == "NaN"                ? &nan
                       : name == "percent"            ? &percent
                       : name == "per-mille"          ? &per_mille
                       : name == "zero-digit"         ? &zero_digit
                       : name == "digit"              ? &digit
                       : name == "pattern-separator"  ? &pattern_separator
                                                      : nullptr;
  if (field == nullptr) return false;
  *field = std::move(value);
  return true;
}

JResult<NumberPicture> NumberPicture::compile(std::string_view picture_utf8, const DecimalFormat& format) {
  NumberPicture out;
  Properties& p = out.properties_;
  p.decimal_separator = to_utf16(format.decimal_separator);
  p.grouping_separator = to_utf16(format.grouping_separator);
  p.exponent_separator = to_utf16(format.exponent_separator);
  p.minus_sign = to_utf16(format.minus_sign);
  p.percent = to_utf16(format.percent);
  p.per_mille = to_utf16(format.per_mille);
  p.zero_digit = to_utf16(format.zero_digit);
  p.digit = to_utf16(format.digit);
  p.pattern_separator = to_utf16(format.pattern_separator);
  if (!p.zero_digit.empty()) {
    for (int i = 0; i < 10; ++i) p.digit_family.emplace_back(1, static_cast<char16_t>(p.zero_digit.front() + i));
  }

  CharClasses classes{p.digit_family, p.digit_family, p.digit};
  for (const auto* s : {&p.decimal_separator, &p.exponent_separator, &p.grouping_separator, &p.digit,
                        &p.pattern_separator}) {
    classes.active.push_back(*s);
  }

  const std::u16string picture = to_utf16(picture_utf8);
  std::vector<std::u16string> subpictures = js::split(picture, p.pattern_separator);
  if (subpictures.empty()) subpictures.emplace_back();
  if (subpictures.size() > 2) return fail("D3080");

  std::vector<PictureParts> parts;
  for (const auto& sub : subpictures) {
    parts.push_back(split_parts(sub, classes, p.exponent_separator, p.decimal_separator));
  }
  for (const auto& part : parts) {
    if (auto code = broken_rule(part, classes, p.decimal_separator, p.grouping_separator, p.percent,
                                p.per_mille)) {
      return fail(*code);
    }
  }
  out.positive_ = analyse(parts[0], classes, p.grouping_separator);
  if (parts.size() == 2) {
    out.negative_ = analyse(parts[1], classes, p.grouping_separator);
  } else {
    out.negative_ = out.positive_;
    out.negative_.prefix = p.minus_sign + out.negative_.prefix;
  }
  return out;
}

// Math.abs(value).toFixed(digits) written in the decimal digit family.
std::u16string NumberPicture::make_string(double value, int fraction_digits) const {
  const std::string fixed = number_to_fixed(std::abs(value), fraction_digits);
  std::u16string out;
  const bool ascii_digits = properties_.zero_digit == u"0";
  for (char c : fixed) {
    if (!ascii_digits && c >= '0' && c <= '9') {
      if (!properties_.digit_family.empty()) out += properties_.digit_family[static_cast<std::size_t>(c - '0')];
    } else {
      out.push_back(static_cast<char16_t>(c));
    }
  }
  return out;
}

std::string NumberPicture::format(double value) const {
  const Properties& p = properties_;
  const SubPicture& pic = value >= 0 ? positive_ : negative_;

  double adjusted = value;
  if (contains(pic.picture, p.percent)) {
    adjusted = value * 100;
  } else if (contains(pic.picture, p.per_mille)) {
    adjusted = value * 1000;
  }

  // Scale to a mantissa with `scaling_factor` integer digits when there is an exponent.
  double mantissa = adjusted;
  std::optional<int> exponent;
  if (pic.minimum_exponent_size != 0) {
    const double max_mantissa = std::pow(10.0, pic.scaling_factor);
    const double min_mantissa = std::pow(10.0, pic.scaling_factor - 1);
    exponent = 0;
    if (mantissa != 0 && std::isfinite(mantissa)) {  // the reference loops for ever on Infinity
      while (std::abs(mantissa) < min_mantissa) {
        mantissa *= 10;
        --*exponent;
      }
      while (std::abs(mantissa) > max_mantissa) {
        mantissa /= 10;
        ++*exponent;
      }
    }
  }

  const double rounded = round_half_even(mantissa, pic.maximum_fraction_size);
  std::u16string s = make_string(rounded, pic.maximum_fraction_size);
  if (js::index_of(s, u".") == -1) {
    s += p.decimal_separator;
  } else {
    s.replace(static_cast<std::size_t>(js::index_of(s, u".")), 1, p.decimal_separator);
  }
  if (p.zero_digit.size() == 1) {
    // Leading and trailing zero digits off, in place (charAt compares one code unit).
    const char16_t zero = p.zero_digit[0];
    std::size_t lead = 0;
    while (lead < s.size() && s[lead] == zero) ++lead;
    s.erase(0, lead);
    std::size_t end = s.size();
    while (end > 0 && s[end - 1] == zero) --end;
    s.resize(end);
  } else {
    while (js::char_at(s, 0) == p.zero_digit) s = js::substring(s, 1);
    while (js::char_at(s, static_cast<long>(s.size()) - 1) == p.zero_digit) {
      s = js::substring(s, 0, static_cast<long>(s.size()) - 1);
    }
  }

  // Pad to the minimum integer and fraction sizes.
  long decimal_pos = js::index_of(s, p.decimal_separator);
  const long pad_left = pic.minimum_integer_size - decimal_pos;
  const long pad_right = pic.minimum_fraction_size - (static_cast<long>(s.size()) - decimal_pos - 1);
  if (pad_left > 0) s.insert(0, js::repeat(p.zero_digit, pad_left));
  if (pad_right > 0) s += js::repeat(p.zero_digit, pad_right);

  // Grouping separators in the integer part: repeating, or each where the picture has one.
  decimal_pos = js::index_of(s, p.decimal_separator);
  if (pic.regular_grouping > 0) {
    const long groups = (decimal_pos - 1) / pic.regular_grouping;
    for (long group = 1; group <= groups; ++group) {
      const long at = decimal_pos - group * pic.regular_grouping;
      insert_at(s, at, p.grouping_separator);
    }
  } else {
    for (int pos : pic.integer_grouping_positions) {
      const long at = decimal_pos - pos;
      insert_at(s, at, p.grouping_separator);
      ++decimal_pos;
    }
  }
  // ... and in the fractional part, counted from the decimal separator as the string grows.
  decimal_pos = js::index_of(s, p.decimal_separator);
  for (int pos : pic.fractional_grouping_positions) {
    const long at = pos + decimal_pos + 1;
    insert_at(s, at, p.grouping_separator);
  }

  // Drop the decimal separator when the picture has none or nothing follows it.
  decimal_pos = js::index_of(s, p.decimal_separator);
  if (!contains(pic.picture, p.decimal_separator) || decimal_pos == static_cast<long>(s.size()) - 1) {
    if (!s.empty()) s.pop_back();
  }

  if (exponent) {
    std::u16string exponent_digits = make_string(*exponent, 0);
    exponent_digits = js::repeat(p.zero_digit, pic.minimum_exponent_size - static_cast<long>(exponent_digits.size())) +
                      exponent_digits;
    s += p.exponent_separator + (*exponent < 0 ? p.minus_sign : u"") + exponent_digits;
  }
  return from_utf16(pic.prefix + s + pic.suffix);
}

JResult<std::optional<std::string>> format_number(std::optional<double> value, std::string_view picture,
                                                  const DecimalFormat& format) {
  if (!value) return std::optional<std::string>();
  auto compiled = NumberPicture::compile(picture, format);
  if (!compiled) return std::unexpected(compiled.error());
  return std::optional<std::string>(compiled->format(*value));
}

}  // namespace jobflow::jsonata::format
