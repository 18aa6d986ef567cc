#pragma once

#include <optional>

// The value of each integer component of a date/time picture at a given instant (UTC), as the
// reference computes it (datetime.js getDateTimeFragment), including its week rules.
namespace jobflow::jsonata::format {

// `time` is a clipped time value (js::time_clip), NaN for an invalid date, which gives NaN.
// Components: Y year, M month 1-12, D day of month, d day of year, F day of week 1 (Monday) to
// 7, W ISO week of the year, w week of the month (the ISO rule applied to months: week 1 holds
// the month's first Thursday), X the year that W belongs to, x the month that w belongs to
// (1-12), H hour 0-23, h hour 1-12, m, s, f milliseconds. nullopt for other components
// (P, C, E, Z, z are not numbers).
std::optional<double> date_time_field(double time, char32_t component);

}  // namespace jobflow::jsonata::format
