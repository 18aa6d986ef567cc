#pragma once

#include <string_view>

namespace jobflow::asl {

// RFC 3339 `date-time` syntax, as Wait's `Timestamp` must have it at create time:
// YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM), with real calendar dates (no month 13, no hour
// 25, no February 30). AWS rejects a missing offset, a blank instead of 'T' and other orders.
class Rfc3339 {
 public:
  static bool is_date_time(std::string_view text);
};

}  // namespace jobflow::asl
