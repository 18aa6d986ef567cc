#pragma once

#include "base/clock.h"

namespace jobflow {

class SystemClock final : public Clock {
 public:
  TimestampMs now_ms() const override;
};

}  // namespace jobflow
