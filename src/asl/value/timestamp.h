#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobflow::asl {

// ISO-8601 extended offset date-times as Step Functions accepts them (Java's
// ISO_OFFSET_DATE_TIME): "2016-03-14T01:59:00Z", "...T01:59:00.123+01:00"; an offset is
// required. Returns epoch milliseconds (fractions below a millisecond are dropped).
std::optional<std::int64_t> parse_offset_timestamp(std::string_view text);

// "2024-05-01T10:00:00.123Z": the context object's and the history's form.
std::string format_timestamp_ms(std::int64_t epoch_ms);

}  // namespace jobflow::asl
