#include "jsonata/format/date_time_picture.h"

#include <algorithm>
#include <cmath>

#include "jsonata/format/js_number.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {
namespace {

// The components whose value is an integer (formatted with an IntegerPicture unless named).
constexpr std::u32string_view kIntegerComponents = U"YMDdFWwXxHhmsf";

// The presentation a marker gets when it names none (F&O §9.8.4.1 defaults, as in the reference).
std::optional<std::u32string> default_presentation(char32_t component) {
  switch (component) {
    case U'Y': case U'M': case U'D': case U'd': case U'W': case U'w': case U'X': case U'x':
    case U'H': case U'h': case U'f':
      return U"1";
    case U'F': case U'P': case U'C': case U'E':
      return U"n";
    case U'm': case U's':
      return U"01";
    case U'Z': case U'z':
      return U"01:01";
    default:
      return std::nullopt;
  }
}

// JavaScript's \s.
bool is_js_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\v' || c == U'\f' || c == U'\r' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// String.prototype.substring on code points: bounds clamped, swapped when reversed.
std::u32string substring(const std::u32string& s, long start, long end) {
  const long size = static_cast<long>(s.size());
  start = std::clamp(start, 0L, size);
  end = std::clamp(end, 0L, size);
  if (start > end) std::swap(start, end);
  return s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
}

// A width bound: '*' or nothing leaves it unset; otherwise parseInt, and a bound that does not
// parse (NaN in the reference) is left unset too.
std::optional<int> parse_width(const std::optional<std::u32string>& text) {
  if (!text || *text == U"*") return std::nullopt;
  const double value = parse_int(from_code_points(*text));
  if (std::isnan(value)) return std::nullopt;
  return static_cast<int>(std::clamp(value, -1e9, 1e9));
}

void add_literal(std::vector<DateTimePart>& parts, const std::u32string& picture, long start, long end) {
  if (end <= start) return;
  std::u32string literal = substring(picture, start, end);
  // "]]" stands for one ']'.
  for (auto pos = literal.find(U"]]"); pos != std::u32string::npos; pos = literal.find(U"]]", pos + 1)) {
    literal.erase(pos, 1);
  }
  parts.emplace_back(from_code_points(literal));
}

JResult<DateTimeMarker> compile_marker(std::u32string text, std::vector<DateTimePart>& parts) {
  std::erase_if(text, is_js_space);  // white space inside a marker is ignored
  DateTimeMarker marker;
  marker.component = text.empty() ? 0 : text.front();

  std::u32string modifiers;
  const auto comma = text.rfind(U',');
  if (comma != std::u32string::npos) {
    const std::u32string width = text.substr(comma + 1);
    const auto dash = width.find(U'-');
    std::optional<std::u32string> min = width;
    std::optional<std::u32string> max;
    if (dash != std::u32string::npos) {
      min = width.substr(0, dash);
      max = width.substr(dash + 1);
    }
    marker.min_width = parse_width(min);
    marker.max_width = parse_width(max);
    modifiers = substring(text, 1, static_cast<long>(comma));
  } else {
    modifiers = substring(text, 1, static_cast<long>(text.size()));
  }

  if (modifiers.size() == 1) {
    marker.presentation = modifiers;
  } else if (modifiers.size() > 1) {
    const char32_t last = modifiers.back();
    if (last == U'a' || last == U't' || last == U'c' || last == U'o') {
      // 'o' ordinal; 'c' cardinal is the default; 'a' and 't' only matter to [Z...t].
      marker.presentation2 = last;
      marker.ordinal = last == U'o';
      marker.presentation = modifiers.substr(0, modifiers.size() - 1);
    } else {
      marker.presentation = modifiers;
    }
  } else if (auto presentation = default_presentation(marker.component)) {
    marker.presentation = *presentation;
  } else {
    std::u32string component;
    if (marker.component != 0) component.push_back(marker.component);
    return fail("D3132", {ErrorInsert::text("value", from_code_points(component))});
  }

  const std::u32string& p = marker.presentation;
  if (!p.empty() && p[0] == U'n') {
    marker.names = LetterCase::kLower;
  } else if (!p.empty() && p[0] == U'N') {
    marker.names = p.size() > 1 && p[1] == U'n' ? LetterCase::kTitle : LetterCase::kUpper;
  } else if (marker.component != 0 && kIntegerComponents.find(marker.component) != std::u32string_view::npos) {
    std::u32string pattern = p;
    if (marker.presentation2) pattern += std::u32string(U";") + *marker.presentation2;
    auto integer = IntegerPicture::compile(from_code_points(pattern));
    if (!integer) return std::unexpected(integer.error());
    // A minimum width raises the number of mandatory digits (decimal patterns only: the reference
    // leaves the digit counts of other styles undefined).
    const bool decimal = integer->style == IntegerStyle::kDecimal;
    if (decimal && marker.min_width && integer->mandatory_digits < *marker.min_width) {
      integer->mandatory_digits = *marker.min_width;
    }
    if (marker.component == U'Y') {
      // §9.8.4.4: a maximum width, or a pattern of two or more digits, truncates the year.
      if (marker.max_width) {
        marker.year_digits = *marker.max_width;
        integer->mandatory_digits = *marker.max_width;
      } else if (decimal && integer->mandatory_digits + integer->optional_digits >= 2) {
        marker.year_digits = integer->mandatory_digits + integer->optional_digits;
      }
    }
    marker.integer_format = std::move(*integer);
    // Two numbers with nothing between them: the first must be parsed with an exact width.
    if (!parts.empty()) {
      if (auto* previous = std::get_if<DateTimeMarker>(&parts.back()); previous && previous->integer_format) {
        previous->integer_format->parse_width = previous->integer_format->mandatory_digits;
      }
    }
  }
  if (marker.component == U'Z' || marker.component == U'z') {
    auto integer = IntegerPicture::compile(from_code_points(marker.presentation));
    if (!integer) return std::unexpected(integer.error());
    marker.integer_format = std::move(*integer);
  }
  return marker;
}

}  // namespace

JResult<DateTimePicture> DateTimePicture::compile(std::string_view picture_utf8) {
  DateTimePicture out;
  auto& parts = out.parts_;
  const std::u32string picture = to_code_points(picture_utf8);
  const long size = static_cast<long>(picture.size());
  long start = 0;
  long pos = 0;
  while (pos < size) {
    if (picture[static_cast<std::size_t>(pos)] == U'[') {
      if (pos + 1 < size && picture[static_cast<std::size_t>(pos + 1)] == U'[') {  // "[[" is a literal '['
        add_literal(parts, picture, start, pos);
        parts.emplace_back(std::string("["));
        pos += 2;
        start = pos;
        continue;
      }
      add_literal(parts, picture, start, pos);
      start = pos;
      const auto close = picture.find(U']', static_cast<std::size_t>(start));
      if (close == std::u32string::npos) return fail("D3135");
      pos = static_cast<long>(close);
      auto marker = compile_marker(substring(picture, start + 1, pos), parts);
      if (!marker) return std::unexpected(marker.error());
      parts.emplace_back(std::move(*marker));
      start = pos + 1;
    }
    ++pos;
  }
  add_literal(parts, picture, start, pos);
  return out;
}

const DateTimePicture& DateTimePicture::iso8601() {
  static const DateTimePicture picture = *compile("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]");
  return picture;
}

}  // namespace jobflow::jsonata::format
