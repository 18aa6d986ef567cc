#pragma once

#include <cstdint>
#include <functional>

#include "base/clock.h"

namespace jobflow::engine {

// Where the engine runs its background work: lifecycle steps after an API call has been answered,
// reactions to job exits, and timers (idle timeouts, kill escalation). A real queue runs tasks on
// its own thread; the manual queue in tests runs them when told, on a manual clock.
class TaskQueue {
 public:
  using TimerId = std::uint64_t;
  virtual ~TaskQueue() = default;
  virtual void post(std::function<void()> task) = 0;
  // Runs `task` once the Clock reaches `when_ms` (wall clock). Returns an id for cancel().
  virtual TimerId post_at(TimestampMs when_ms, std::function<void()> task) = 0;
  virtual void cancel(TimerId id) = 0;
};

}  // namespace jobflow::engine
