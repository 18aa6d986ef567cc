#include "jsonata/format/date_time_formatter.h"

#include <array>
#include <cmath>

#include "jsonata/format/date_time_fields.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/js_date.h"
#include "jsonata/format/js_number.h"
#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata::format {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",
                                                      "May",     "June",     "July",      "August",
                                                      "September", "October", "November", "December"};
constexpr std::array<std::string_view, 8> kDays = {"",         "Monday", "Tuesday",  "Wednesday",
                                                   "Thursday", "Friday", "Saturday", "Sunday"};

constexpr std::u32string_view kNumberComponents = U"YMDdFWwXxHhms";

std::string change_case(std::string text, LetterCase letter_case) {
  for (char& c : text) {
    if (letter_case == LetterCase::kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (letter_case == LetterCase::kLower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string component_text(char32_t component) {
  std::string out;
  append_code_point(out, component);
  return out;
}

JResult<std::string> format_name(const DateTimeMarker& marker, double value) {
  std::string name;
  if (marker.component == U'M' || marker.component == U'x') {
    if (value >= 1 && value <= 12) name = kMonths[static_cast<std::size_t>(value) - 1];
  } else if (marker.component == U'F') {
    if (value >= 0 && value <= 7) name = kDays[static_cast<std::size_t>(value)];
  } else {
    return fail("D3133", {ErrorInsert::text("value", component_text(marker.component))});
  }
  if (name.empty()) return std::string("undefined");  // an invalid date: the reference prints the missing name
  name = change_case(std::move(name), *marker.names);
  if (marker.max_width && static_cast<long>(name.size()) > *marker.max_width) {
    name = name.substr(0, static_cast<std::size_t>(std::max(*marker.max_width, 0)));
  }
  return name;
}

JResult<std::string> format_timezone(const DateTimeMarker& marker, TimezoneOffset offset) {
  const IntegerPicture& picture = *marker.integer_format;
  const double hhmm = offset.hours * 100 + offset.minutes;
  std::string text;
  if (picture.regular) {
    auto formatted = picture.format(hhmm);  // "01:01": hours and minutes as one grouped number
    if (!formatted) return formatted;
    text = *formatted;
  } else if (picture.mandatory_digits == 1 || picture.mandatory_digits == 2) {
    auto formatted = picture.format(offset.hours);  // "0", "01": hours, then ":mm" if needed
    if (!formatted) return formatted;
    text = *formatted;
    if (offset.minutes != 0) {
      text += ':';
      text += format_integer(offset.minutes, "00").value().value_or("");
    }
  } else if (picture.mandatory_digits == 3 || picture.mandatory_digits == 4) {
    auto formatted = picture.format(hhmm);  // "0101": hhmm
    if (!formatted) return formatted;
    text = *formatted;
  } else {
    return fail("D3134", {ErrorInsert::literal("value", std::to_string(picture.mandatory_digits))});
  }
  // (insert, not "lit" + text: GCC 12 warns falsely about the latter)
  if (hhmm >= 0) text.insert(0, 1, '+');
  if (marker.component == U'z') text.insert(0, "GMT");
  if (hhmm == 0 && marker.presentation2 == U't') text.assign(1, 'Z');  // [Z01:01t]: UTC as 'Z'
  return text;
}

JResult<std::string> format_marker(const DateTimeMarker& marker, double time, TimezoneOffset offset) {
  const char32_t component = marker.component;
  if (component != 0 && kNumberComponents.find(component) != std::u32string_view::npos) {
    double value = *date_time_field(time, component);
    if (component == U'Y' && marker.year_digits != -1) value = std::fmod(value, std::pow(10.0, marker.year_digits));
    if (marker.names) return format_name(marker, value);
    return marker.integer_format->format(value);
  }
  if (component == U'f') {
    // The reference formats milliseconds as an integer, not as a fraction (§9.8.4.5 is a TODO
    // there): [f001] of 5 ms is "005" and [f01] "05".
    if (!marker.integer_format) {
      return fail("D3133", {ErrorInsert::text("value", component_text(component))});
    }
    return marker.integer_format->format(*date_time_field(time, component));
  }
  if (component == U'Z' || component == U'z') return format_timezone(marker, offset);
  if (component == U'P') {
    const double hours = js::utc_fields(time).hours;
    std::string text = hours >= 12 ? "pm" : "am";
    if (marker.names == LetterCase::kUpper) text = change_case(std::move(text), LetterCase::kUpper);
    return text;
  }
  if (component == U'C' || component == U'E') return std::string("ISO");  // calendar and era
  return std::string("undefined");  // an unknown component with an explicit presentation
}

}  // namespace

TimezoneOffset parse_timezone(std::string_view timezone) {
  const double offset = parse_int(timezone);
  return TimezoneOffset{std::floor(offset / 100), std::fmod(offset, 100)};
}

JResult<std::string> format_date_time(const DateTimePicture& picture, double millis, TimezoneOffset offset) {
  const double offset_millis = (60 * offset.hours + offset.minutes) * 60 * 1000;
  const double time = js::time_clip(millis + offset_millis);
  std::string out;
  for (const auto& part : picture.parts()) {
    if (const auto* literal = std::get_if<std::string>(&part)) {
      out += *literal;
      continue;
    }
    auto text = format_marker(std::get<DateTimeMarker>(part), time, offset);
    if (!text) return text;
    out += *text;
  }
  return out;
}

}  // namespace jobflow::jsonata::format
