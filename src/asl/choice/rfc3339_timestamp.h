#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jobflow::asl {

// An instant parsed from an RFC 3339 date-time, as the Timestamp* Choice operators and
// IsTimestamp read it: `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`. `T` and `Z` may be lower case;
// seconds and an offset are required; the offset is at most ±18:00 (Java's ZoneOffset range);
// second 60 (a leap second) is rejected, as java.time rejects it. Two timestamps with different
// offsets compare as instants.
struct Rfc3339Timestamp {
  std::int64_t seconds = 0;      // since 1970-01-01T00:00:00Z
  std::int32_t nanoseconds = 0;  // 0..999'999'999

  // nullopt when `text` is not an RFC 3339 date-time with an offset.
  static std::optional<Rfc3339Timestamp> parse(std::string_view text);

  friend auto operator<=>(const Rfc3339Timestamp&, const Rfc3339Timestamp&) = default;
};

}  // namespace jobflow::asl
