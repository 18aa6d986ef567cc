#include "base/system_clock.h"

#include <chrono>

namespace jobflow {

TimestampMs SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace jobflow
