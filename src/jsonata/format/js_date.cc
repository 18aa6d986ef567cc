#include "jsonata/format/js_date.h"

#include <cmath>
#include <cstdint>

namespace jobflow::jsonata::format::js {
namespace {

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar (month 1..12).
// After Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year, month, day;  // month 1..12
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2 ? 1 : 0), m, d};
}

// ECMAScript MakeDay: NaN when any part is not finite or the year is beyond what a Date can hold.
double make_day(double year, double month, double date) {
  if (!std::isfinite(year) || !std::isfinite(month) || !std::isfinite(date)) return std::nan("");
  const double y = std::trunc(year);
  const double m = std::trunc(month);
  const double dt = std::trunc(date);
  const double ym = y + std::floor(m / 12);
  if (std::abs(ym) > 400000) return std::nan("");  // far outside TimeClip's range
  double mn = std::fmod(m, 12);
  if (mn < 0) mn += 12;
  const double first = static_cast<double>(
      days_from_civil(static_cast<std::int64_t>(ym), static_cast<std::int64_t>(mn) + 1, 1));
  return first + dt - 1;
}

double make_time(double hours, double minutes, double seconds, double millis) {
  if (!std::isfinite(hours) || !std::isfinite(minutes) || !std::isfinite(seconds) || !std::isfinite(millis)) {
    return std::nan("");
  }
  return std::trunc(hours) * 3600000.0 + std::trunc(minutes) * 60000.0 + std::trunc(seconds) * 1000.0 +
         std::trunc(millis);
}

}  // namespace

double time_clip(double time) {
  if (!std::isfinite(time) || std::abs(time) > 8.64e15) return std::nan("");
  return std::trunc(time) + 0.0;  // + 0.0 turns -0 into +0
}

double date_utc(double year, double month, double day, double hours, double minutes, double seconds,
                double millis) {
  double y = year;
  if (!std::isnan(y)) {
    const double yi = std::trunc(y);
    if (yi >= 0 && yi <= 99) y = 1900 + yi;
  }
  return make_time_value(y, month, day, hours, minutes, seconds, millis);
}

double make_time_value(double year, double month, double day, double hours, double minutes, double seconds,
                       double millis) {
  const double days = make_day(year, month, day);
  const double time = make_time(hours, minutes, seconds, millis);
  return time_clip(days * kMillisPerDay + time);
}

UtcFields utc_fields(double time) {
  if (std::isnan(time)) {
    const double nan = std::nan("");
    return {nan, nan, nan, nan, nan, nan, nan, nan};
  }
  const auto t = static_cast<std::int64_t>(time);
  std::int64_t days = t / 86400000;
  std::int64_t in_day = t % 86400000;
  if (in_day < 0) {
    in_day += 86400000;
    --days;
  }
  const Civil civil = civil_from_days(days);
  std::int64_t weekday = (days + 4) % 7;  // 1970-01-01 was a Thursday
  if (weekday < 0) weekday += 7;
  return UtcFields{static_cast<double>(civil.year),
                   static_cast<double>(civil.month - 1),
                   static_cast<double>(civil.day),
                   static_cast<double>(weekday),
                   static_cast<double>(in_day / 3600000),
                   static_cast<double>(in_day / 60000 % 60),
                   static_cast<double>(in_day / 1000 % 60),
                   static_cast<double>(in_day % 1000)};
}

}  // namespace jobflow::jsonata::format::js
