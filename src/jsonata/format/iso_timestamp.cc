#include "jsonata/format/iso_timestamp.h"

#include <cmath>
#include <optional>

#include "jsonata/format/date_time_formatter.h"
#include "jsonata/format/date_time_picture.h"
#include "jsonata/format/js_date.h"

namespace jobflow::jsonata::format {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the timestamp for the checks of the reference's regular expression.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool peek_digit(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() && is_digit(text_[pos_ + ahead]); }
  bool peek_in(std::size_t ahead, char low, char high) const {
    return pos_ + ahead < text_.size() && text_[pos_ + ahead] >= low && text_[pos_ + ahead] <= high;
  }
  char at(std::size_t ahead) const { return text_[pos_ + ahead]; }
  int number(std::size_t ahead, std::size_t digits) const {
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) value = value * 10 + (text_[pos_ + ahead + i] - '0');
    return value;
  }
  void skip(std::size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

struct IsoParts {
  int year = 0;
  std::optional<int> first_pair;   // -[01]d
  std::optional<int> second_pair;  // -[0-3]d
  std::optional<int> hours, minutes, seconds;
  std::optional<std::string> fraction;
  bool zulu = false;
  std::optional<int> offset_minutes;  // signed
};

std::optional<IsoParts> scan(std::string_view text) {
  Scanner s(text);
  IsoParts parts;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!s.peek_digit(i)) return std::nullopt;
  }
  parts.year = s.number(0, 4);
  s.skip(4);
  if (s.peek('-') && s.peek_in(1, '0', '1') && s.peek_digit(2)) {
    parts.first_pair = s.number(1, 2);
    s.skip(3);
  }
  if (s.peek('-') && s.peek_in(1, '0', '3') && s.peek_digit(2)) {
    parts.second_pair = s.number(1, 2);
    s.skip(3);
  }
  if (s.peek('T') && s.peek_in(1, '0', '2') && s.peek_digit(2) && s.peek_in(3, ':', ':') && s.peek_in(4, '0', '5') &&
      s.peek_digit(5) && s.peek_in(6, ':', ':') && s.peek_in(7, '0', '5') && s.peek_digit(8)) {
    parts.hours = s.number(1, 2);
    parts.minutes = s.number(4, 2);
    parts.seconds = s.number(7, 2);
    s.skip(9);
  }
  if (s.peek('.') && s.peek_digit(1)) {
    std::string digits;
    s.skip(1);
    while (s.peek_digit()) {
      digits.push_back(s.at(0));
      s.skip(1);
    }
    parts.fraction = digits;
  }
  if (s.peek('Z')) {
    parts.zulu = true;
    s.skip(1);
  } else if ((s.peek('+') || s.peek('-')) && s.peek_in(1, '0', '2') && s.peek_digit(2)) {
    const int sign = s.peek('-') ? -1 : 1;
    const int hours = s.number(1, 2);
    const std::size_t minutes_at = s.peek_in(3, ':', ':') ? 4 : 3;
    if (s.peek_in(minutes_at, '0', '5') && s.peek_digit(minutes_at + 1)) {
      const int minutes = s.number(minutes_at, 2);
      // V8 rejects offsets of 24 hours or more; flag them with an impossible minute count.
      parts.offset_minutes = hours < 24 ? sign * (hours * 60 + minutes) : 100000;
      s.skip(minutes_at + 2);
    }
  }
  if (!s.at_end()) return std::nullopt;
  return parts;
}

}  // namespace

JResult<std::string> format_iso_timestamp(double millis) {
  return format_date_time(DateTimePicture::iso8601(), millis);
}

JResult<double> parse_iso_timestamp(std::string_view timestamp) {
  const auto parts = scan(timestamp);
  if (!parts) return fail("D3110", {ErrorInsert::text("value", timestamp)});

  const double nan = std::nan("");
  // Date.parse reads "-NN" pairs as month then day, whichever group of the regex took them.
  std::optional<int> month = parts->first_pair ? parts->first_pair : parts->second_pair;
  std::optional<int> day = parts->first_pair ? parts->second_pair : std::nullopt;
  if (month && (*month < 1 || *month > 12)) return nan;
  if (day && (*day < 1 || *day > 31)) return nan;
  const bool has_time = parts->hours.has_value();
  if (!has_time && (parts->fraction || parts->offset_minutes)) return nan;
  if (parts->offset_minutes && *parts->offset_minutes == 100000) return nan;

  int millis = 0;
  if (parts->fraction) {
    std::string digits = parts->fraction->substr(0, 3);
    digits.resize(3, '0');
    millis = std::stoi(digits);
  }
  if (has_time && *parts->hours > 24) return nan;
  if (has_time && *parts->hours == 24 && (*parts->minutes != 0 || *parts->seconds != 0 || millis != 0)) return nan;

  double time = js::make_time_value(parts->year, month.value_or(1) - 1, day.value_or(1), parts->hours.value_or(0),
                                    parts->minutes.value_or(0), parts->seconds.value_or(0), millis);
  if (parts->offset_minutes) time -= *parts->offset_minutes * 60000.0;
  return js::time_clip(time);
}

}  // namespace jobflow::jsonata::format
