#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/integration.h"
#include "engine/task_queue.h"

namespace jobflow::engine::sfn {

// The tasks that wait for SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat: activity tasks
// and `.waitForTaskToken` tasks, by their task token (asl::TaskRequest::token, $$.Task.Token).
//
// The registry is memory only. Tokens survive a restart because the decider keeps them in its
// snapshot: after ExecutionService::recover() every pending task is dispatched again with the same
// TaskRequest, and its integration calls add() again with the same token.
//
// Heartbeats: a task with HeartbeatSeconds fails with States.Timeout (AWS's error for heartbeat
// expiry) unless a heartbeat (or the activity's start) comes within that many seconds; the
// window opens at add() (after a restart: at the re-dispatch).
//
// Errors (resource → AWS type in frontend/sfn/sfn_errors.cc): "token" InvalidToken (not a token
// jobflow could have made), "task_timed_out" TaskTimedOut (the task was closed: answered, timed
// out, cancelled), "task" TaskDoesNotExist (a well-formed token this server does not know),
// "output" InvalidOutput (SendTaskSuccess output is not JSON).
class TaskTokenRegistry {
 public:
  static constexpr std::size_t kMaxClosedRemembered = 100'000;

  TaskTokenRegistry(const Clock& clock, TaskQueue& queue);
  ~TaskTokenRegistry();
  TaskTokenRegistry(const TaskTokenRegistry&) = delete;
  TaskTokenRegistry& operator=(const TaskTokenRegistry&) = delete;

  // The task now waits for its token; `callbacks.succeeded` / `failed` are called at most once,
  // by the first Send* (or the heartbeat timer). A token already registered is replaced.
  void add(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks);

  Status succeed(std::string_view token, std::string_view output);
  // AWS: both may be absent (the error output is then {"Error": null, "Cause": null}).
  Status fail(std::string_view token, std::optional<std::string> error, std::optional<std::string> cause);
  Status heartbeat(std::string_view token);

  // The task ended elsewhere (Integration::cancel): its token is closed, no callback is called.
  void cancel(std::string_view execution_arn, std::int64_t task_id);
  bool waiting(std::string_view token) const;
  std::size_t size() const;

 private:
  struct Waiter {
    std::string execution_arn;
    std::int64_t task_id = 0;
    std::optional<std::int64_t> heartbeat_ms;
    std::optional<TaskQueue::TimerId> timer;
    std::uint64_t generation = 0;  // which add() armed the timer
    TaskCallbacks callbacks;
  };

  // Removes the waiter (and its timer) under the lock; the callers call back without it.
  Result<Waiter> take(std::string_view token);
  void arm_heartbeat(const std::string& token, Waiter& waiter);
  void on_heartbeat_expired(const std::string& token, std::uint64_t generation);
  void remember_closed(const std::string& token);
  Error unknown(std::string_view token) const;

  const Clock& clock_;
  TaskQueue& queue_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Waiter> waiters_;
  std::map<std::pair<std::string, std::int64_t>, std::string> by_task_;  // (execution, task id) → token
  std::unordered_set<std::string> closed_;  // recently closed tokens: TaskTimedOut, not TaskDoesNotExist
  std::deque<std::string> closed_order_;
  std::uint64_t next_generation_ = 1;
};

// True for a token in the decider's format ("AQCE" and 48 hex digits).
bool is_well_formed_task_token(std::string_view token);

}  // namespace jobflow::engine::sfn
