#pragma once

#include <atomic>

#include "base/clock.h"

namespace jobflow {

// A clock moved by hand, for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimestampMs start = 1'700'000'000'000) : now_(start) {}
  TimestampMs now_ms() const override { return now_.load(); }
  void advance_ms(TimestampMs delta) { now_ += delta; }
  void set_ms(TimestampMs t) { now_ = t; }

 private:
  std::atomic<TimestampMs> now_;
};

}  // namespace jobflow
