#pragma once

#include <cstdint>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::livy {

// Livy's time strings (ClientConf.getTimeAsMs): an integer and an optional unit among us, ms, s,
// m, min, h, d (case-insensitive, milliseconds without one), e.g. "10m". Errors carry Livy's texts.
Result<std::int64_t> parse_livy_time_ms(std::string_view text);

}  // namespace jobflow::engine::livy
