#pragma once

// The JavaScript Date operations the reference's date/time code uses, on time values in
// milliseconds since the epoch (UTC) held in doubles. NaN stands for JavaScript's invalid date
// and flows through like it does there.
namespace jobflow::jsonata::format::js {

inline constexpr double kMillisPerDay = 86400000.0;

// TimeClip: NaN unless finite and within +-8.64e15, then truncated toward zero; what
// `new Date(t)` keeps.
double time_clip(double time);

// Date.UTC(year, month, day, hours, minutes, seconds, millis): each argument truncated toward
// zero, months and days allowed to overflow (month 12 is January of the next year, day 0 the
// last day of the previous month), and years 0..99 read as 1900..1999 as JavaScript does.
double date_utc(double year, double month, double day = 1, double hours = 0, double minutes = 0,
                double seconds = 0, double millis = 0);

// TimeClip(MakeDate(MakeDay(year, month, day), MakeTime(hours, minutes, seconds, millis))): like
// date_utc but without the two-digit-year rule, as Date.parse builds ISO 8601 timestamps.
double make_time_value(double year, double month, double day, double hours, double minutes, double seconds,
                       double millis);

// The getUTC* fields of a time value; all NaN for an invalid one.
struct UtcFields {
  double year;
  double month;    // 0 = January
  double day;      // 1..31
  double weekday;  // 0 = Sunday
  double hours;
  double minutes;
  double seconds;
  double millis;
};
UtcFields utc_fields(double time);

}  // namespace jobflow::jsonata::format::js
