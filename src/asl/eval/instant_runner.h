#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "asl/eval/execution.h"

namespace jobflow::asl {

// Runs an execution to its end, by default in virtual time: Wait states and retry back-offs take no real
// time (the clock jumps to the next timer), tasks go to `on_task` (none given: each task fails
// with States.TaskFailed naming the resource, so nothing pretends to have run). For tests,
// benchmarks and `jobflow sfn run --local`; the server drives executions through the engine.
class InstantRunner {
 public:
  struct TaskResult {
    JsonPtr output;                  // success when set
    std::optional<Failure> failure;  // otherwise
  };
  using TaskHandler = std::function<TaskResult(const TaskRequest&)>;

  struct Options {
    std::int64_t start_ms = 0;
    std::optional<std::int64_t> abort_after_ms;  // StopExecution this long after the start
    std::int64_t give_up_after_ms = 366LL * 24 * 3600 * 1000;  // virtual time; then left RUNNING
    // Real time instead of virtual: called with the time the next timer is due, it returns once
    // that time has come (the caller sleeps) and answers "now".
    std::function<std::int64_t(std::int64_t due_ms)> wait_until;
  };

  InstantRunner(TaskHandler on_task = {}) : on_task_(std::move(on_task)) {}

  // Returns the final virtual time. The execution is RUNNING afterwards only if it still waits
  // on something past `give_up_after_ms` (e.g. a 24,855-day Wait).
  std::int64_t run(Execution& execution, const Program& program, JsonPtr input, Options options);

 private:
  TaskHandler on_task_;
};

}  // namespace jobflow::asl
