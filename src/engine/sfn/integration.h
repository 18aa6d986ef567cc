#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "asl/eval/execution.h"
#include "asl/value/failure.h"

namespace jobflow::engine::sfn {

// Who asks: for the task token, logs and error texts.
struct TaskContext {
  std::string execution_arn;
  std::string region;
  std::string account;
};

// How an integration reports back. Each callback may run on any thread; `done` is called
// exactly once, `submitted` at most once and before it.
struct TaskCallbacks {
  // The work was picked up (activities: a worker's GetActivityTask; ActivityStarted{workerName}).
  // Only for integrations whose reports_start() is true; others start at once (TaskStarted).
  std::function<void(std::string worker_name)> started;
  std::function<void(asl::JsonPtr output)> submitted;  // TaskSubmitted (.sync, .waitForTaskToken)
  std::function<void(asl::JsonPtr output)> succeeded;
  std::function<void(asl::Failure failure)> failed;
};

// A service integration: the work behind a Task state's Resource
// ("arn:aws:states:::elasticmapreduce:addStep.sync", an activity ARN, ...).
class Integration {
 public:
  virtual ~Integration() = default;
  virtual bool handles(std::string_view resource) const = 0;
  // True when the task starts later than it is handed over and the integration says when.
  virtual bool reports_start() const { return false; }
  // Starts the task, or with task.submitted set (after a restart), re-attaches to the work
  // it submitted before.
  virtual void start(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) = 0;
  // The task ended without the integration's answer (its TimeoutSeconds elapsed, a sibling
  // branch failed, the execution stopped or timed out): forget whatever still waits for it (task
  // tokens, queued activity tasks, .sync waiters). Called for every integration, also for tasks it
  // never saw, so it must ignore ids it does not know. Must not call back into the execution.
  virtual void cancel(const TaskContext& context, std::int64_t task_id) {
    (void)context;
    (void)task_id;
  }
};

}  // namespace jobflow::engine::sfn
