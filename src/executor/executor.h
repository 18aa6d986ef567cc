#pragma once

#include <functional>
#include <string_view>

#include "base/error.h"
#include "executor/job.h"

namespace jobflow::executor {

// The seam to the compute engine. Every call is idempotent and restart-safe: a handle from
// prepare(), persisted before start(), is enough to find the job again after a server restart.
// Backends: local processes (default); Slurm and spark-submit later. One contract suite runs
// against each backend the machine can run (test/unit/executor/executor_contract.h).
class Executor {
 public:
  virtual ~Executor() = default;

  virtual std::string_view name() const = 0;

  // Pure: the handle the job will have. No side effects.
  virtual JobHandle prepare(const JobSpec& spec) const = 0;

  // Starts the job. If a job with this handle was already started (by this or an earlier server
  // process) it is not started again. The job does not die with the server.
  virtual Status start(const JobHandle& handle, const JobSpec& spec) = 0;

  // Calls on_exit exactly once, from an executor thread, when the job has ended — at once if it
  // already had (also when it ended while no server was running). on_exit must not block long.
  virtual void watch(const JobHandle& handle, std::function<void(const JobExit&)> on_exit) = 0;

  virtual Result<JobStatus> poll(const JobHandle& handle) = 0;

  // Signals the job; it ends asynchronously and watch() reports how. No-op for an ended job.
  virtual Status cancel(const JobHandle& handle, CancelMode mode) = 0;

  // Stops watching (server shutdown). Jobs keep running.
  virtual void shutdown() = 0;
};

}  // namespace jobflow::executor
