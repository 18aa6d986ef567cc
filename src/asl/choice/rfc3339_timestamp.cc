#include "asl/choice/rfc3339_timestamp.h"

#include <chrono>

namespace jobflow::asl {
namespace {

// Reads exactly `count` decimal digits at `pos`; advances `pos`.
bool read_digits(std::string_view text, std::size_t& pos, int count, int& out) {
  if (pos + static_cast<std::size_t>(count) > text.size()) return false;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(count);
  out = value;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char a, char b = '\0') {
  if (pos >= text.size()) return false;
  char c = text[pos];
  if (c != a && (b == '\0' || c != b)) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<Rfc3339Timestamp> Rfc3339Timestamp::parse(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, day) || !expect(text, pos, 'T', 't') ||
      !read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
      !read_digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
      !read_digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;

  std::int32_t nanoseconds = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 9) return std::nullopt;
      nanoseconds = nanoseconds * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 9; ++i) nanoseconds *= 10;
  }

  int offset_seconds = 0;
  if (pos >= text.size()) return std::nullopt;
  char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    ++pos;
  } else if (zone == '+' || zone == '-') {
    ++pos;
    int offset_hour = 0, offset_minute = 0;
    if (!read_digits(text, pos, 2, offset_hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, offset_minute)) {
      return std::nullopt;
    }
    if (offset_minute > 59 || offset_hour > 18 || (offset_hour == 18 && offset_minute != 0)) {
      return std::nullopt;
    }
    offset_seconds = (offset_hour * 60 + offset_minute) * 60;
    if (zone == '-') offset_seconds = -offset_seconds;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  const std::int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  Rfc3339Timestamp result;
  result.seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  result.nanoseconds = nanoseconds;
  return result;
}

}  // namespace jobflow::asl
