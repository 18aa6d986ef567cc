#pragma once

#include <string>
#include <string_view>

#include "jsonata/error/jsonata_error.h"

// The default forms of $fromMillis and $toMillis: ISO 8601 timestamps.
namespace jobflow::jsonata::format {

// $fromMillis(millis) without a picture: "2017-10-30T16:25:32.935Z".
JResult<std::string> format_iso_timestamp(double millis);

// $toMillis(timestamp) without a picture. The reference first checks the text against
//   ^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$
// (D3110 if it fails) and then reads it with JavaScript's Date.parse, whose V8 rules this follows:
// month 1-12, day 1-31 (overflowing into the next month), hour 24 only as 24:00:00.000, the first
// three fraction digits, a ±HH:mm / ±HHmm offset (hours < 24) only after a time, 'Z' anywhere.
// What Date.parse rejects comes back as NaN, as from the reference. A date-time without an offset
// is local time in JavaScript; here it is UTC (the zone the reference's tests run in).
JResult<double> parse_iso_timestamp(std::string_view timestamp);

}  // namespace jobflow::jsonata::format
