#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/format/date_time_picture.h"

// Formatting an instant with a compiled date/time picture (the reference's formatDateTime).
namespace jobflow::jsonata::format {

// The offset of the `timezone` argument, read the reference's way: parseInt of the text as
// ±HHMM, so "-0500" is -5 h 0 min, "+0530" is 5 h 30 min, and "-0530" (floored) is -6 h -30 min.
struct TimezoneOffset {
  double hours = 0;
  double minutes = 0;  // carries the sign of the offset
};
TimezoneOffset parse_timezone(std::string_view timezone);

// `millis` since the epoch, shown in the zone `offset` (UTC by default). Errors: D3133 for a name
// on a component that has none (only months, days and am/pm have), D3134 for a timezone pattern
// of more than four digits, D3130 for a number written as an unsupported sequence.
JResult<std::string> format_date_time(const DateTimePicture& picture, double millis, TimezoneOffset offset = {});

}  // namespace jobflow::jsonata::format
