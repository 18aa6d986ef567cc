#pragma once

#include <cstdint>
#include <optional>

#include "base/error.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// A pid plus the kernel's start time of that process. Pids are reused (pid_max is 32768 here),
// so a pid read from a file names "our" process only if the start time matches too.
struct ProcessIdentity {
  std::int64_t pid = 0;
  std::uint64_t start_time = 0;  // /proc/<pid>/stat field 22: clock ticks since boot

  // The process that has this pid now; nullopt when there is none.
  static std::optional<ProcessIdentity> of(std::int64_t pid);

  // True while this very process runs: same start time and neither zombie nor dead.
  bool alive() const;

  // A pidfd for this very process (also when it has exited but is not yet reaped, in which case
  // the pidfd is readable at once). kNotFound when it is gone or the pid names another process.
  Result<UniqueFd> open_pidfd() const;

  bool operator==(const ProcessIdentity&) const = default;
};

}  // namespace jobflow::executor
