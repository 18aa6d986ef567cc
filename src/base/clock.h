#pragma once

#include <cstdint>

namespace jobflow {

// Wall-clock time as milliseconds since the Unix epoch. Wire formats derive seconds from it.
using TimestampMs = std::int64_t;

// The only source of "now" for the core, so that tests can drive time by hand.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimestampMs now_ms() const = 0;
};

}  // namespace jobflow
