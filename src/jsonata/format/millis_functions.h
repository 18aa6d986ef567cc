#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jsonata/error/jsonata_error.h"

// $fromMillis and $toMillis, for callers that have the arguments as plain values. An engine that
// caches compiled pictures uses DateTimePicture, format_date_time and DateTimeParser directly.
namespace jobflow::jsonata::format {

// $fromMillis(number[, picture[, timezone]]): undefined in, undefined out. Without a picture,
// ISO 8601 ("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"); `timezone` is "±HHMM".
JResult<std::optional<std::string>> from_millis(std::optional<double> millis,
                                                std::optional<std::string_view> picture = std::nullopt,
                                                std::optional<std::string_view> timezone = std::nullopt);

// $toMillis(timestamp[, picture]): undefined in, undefined out, and undefined when a picture does
// not match. `now` (millis) is the evaluation's fixed timestamp, the one $now() and $millis()
// return: components a picture leaves out on the left default to their value at `now`.
JResult<std::optional<double>> to_millis(std::optional<std::string_view> timestamp,
                                         std::optional<std::string_view> picture, double now);

}  // namespace jobflow::jsonata::format
