#include "jsonata/format/date_time_fields.h"

#include <cmath>

#include "jsonata/format/js_date.h"

namespace jobflow::jsonata::format {
namespace {

// Midnight (UTC) of the Monday that starts week 1 of the month `month` (0-11) of `year`: the week
// holding the first Thursday. Like the reference, built with Date.UTC, so the months overflow into
// years and the years 0-99 are those of the 1900s.
double start_of_first_week(double year, double month) {
  const double first = js::date_utc(year, month);
  double weekday = js::utc_fields(first).weekday;
  if (weekday == 0) weekday = 7;
  return weekday > 4 ? first + (8 - weekday) * js::kMillisPerDay : first - (weekday - 1) * js::kMillisPerDay;
}

// The week number of `day` counting from the week starting at `week1`, fractional (floored by
// the caller, as in the reference).
double delta_weeks(double week1, double day) { return (day - week1) / (js::kMillisPerDay * 7) + 1; }

// (year, month) plus `delta` months, the reference's yearMonth helpers.
void shift_month(double& year, double& month, int delta) {
  month += delta;
  if (month > 11) {
    month = 0;
    year += 1;
  } else if (month < 0) {
    month = 11;
    year -= 1;
  }
}

}  // namespace

std::optional<double> date_time_field(double time, char32_t component) {
  const js::UtcFields f = js::utc_fields(time);
  switch (component) {
    case U'Y':
      return f.year;
    case U'M':
      return f.month + 1;
    case U'D':
      return f.day;
    case U'd': {
      const double today = js::date_utc(f.year, f.month, f.day);
      const double first = js::date_utc(f.year, 0);
      return (today - first) / js::kMillisPerDay + 1;
    }
    case U'F':
      return f.weekday == 0 ? 7 : f.weekday;
    case U'W': {
      const double week1 = start_of_first_week(f.year, 0);
      const double today = js::date_utc(f.year, f.month, f.day);
      double week = delta_weeks(week1, today);
      if (week > 52) {
        if (today >= start_of_first_week(f.year + 1, 0)) week = 1;  // the first week of next year
      } else if (week < 1) {
        week = delta_weeks(start_of_first_week(f.year - 1, 0), today);  // the last week of last year
      }
      return std::floor(week);
    }
    case U'w': {
      const double week1 = start_of_first_week(f.year, f.month);
      const double today = js::date_utc(f.year, f.month, f.day);
      double week = delta_weeks(week1, today);
      if (week > 4) {
        double year = f.year;
        double month = f.month;
        shift_month(year, month, 1);
        if (today >= start_of_first_week(year, month)) week = 1;
      } else if (week < 1) {
        double year = f.year;
        double month = f.month;
        shift_month(year, month, -1);
        week = delta_weeks(start_of_first_week(year, month), today);
      }
      return std::floor(week);
    }
    case U'X': {
      const double start = start_of_first_week(f.year, 0);
      const double end = start_of_first_week(f.year + 1, 0);
      if (time < start) return f.year - 1;
      if (time >= end) return f.year + 1;
      return f.year;
    }
    case U'x': {
      const double start = start_of_first_week(f.year, f.month);
      double next_year = f.year;
      double next_month = f.month;
      shift_month(next_year, next_month, 1);
      const double end = start_of_first_week(next_year, next_month);
      if (time < start) {
        double year = f.year;
        double month = f.month;
        shift_month(year, month, -1);
        return month + 1;
      }
      if (time >= end) return next_month + 1;
      return f.month + 1;
    }
    case U'H':
      return f.hours;
    case U'h': {
      const double h = std::fmod(f.hours, 12);
      return h == 0 ? 12 : h;
    }
    case U'm':
      return f.minutes;
    case U's':
      return f.seconds;
    case U'f':
      return f.millis;
    default:
      return std::nullopt;
  }
}

}  // namespace jobflow::jsonata::format
