#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/integration.h"
#include "engine/sfn/task_token_registry.h"
#include "engine/task_queue.h"

namespace jobflow::engine::sfn {

// What GetActivityTask hands a worker; an empty token means nothing came within the long poll.
struct ActivityTask {
  std::string token;
  std::string input;  // JSON text: the task state's effective parameters
};

// Activity tasks (Resource = arn:aws:states:<region>:<account>:activity:<name>) and the worker side
// of the API, GetActivityTask. Each scheduled task is queued under its activity ARN with its token
// registered in the TaskTokenRegistry; a poll takes the oldest queued task at once or waits (up to
// 60 s, AWS's long poll) for the next, without holding a thread: the waiting poll is a callback
// plus a queue timer. Handing a task over reports ActivityStarted{workerName} and restarts its
// heartbeat window; the worker's SendTask* go to the registry.
//
// In memory only: after a restart the recovered executions dispatch their activity tasks again
// with the same tokens, so they are queued again (at least once: a task a worker had already
// taken before the restart is offered again, and whichever answer comes first wins).
//
// Errors of get_task(): "arn" InvalidArn, "activity" ActivityDoesNotExist, "activity_worker"
// ActivityWorkerLimitExceeded (more than 1,000 pollers waiting on one ARN).
class ActivityIntegration final : public Integration {
 public:
  static constexpr std::size_t kMaxPollers = 1000;
  static constexpr std::int64_t kDefaultPollMs = 60'000;

  ActivityIntegration(const ActivityService& activities, TaskTokenRegistry& tokens, const Clock& clock,
                      TaskQueue& queue, std::int64_t poll_ms = kDefaultPollMs);
  ~ActivityIntegration() override;

  bool handles(std::string_view resource) const override;
  bool reports_start() const override { return true; }
  void start(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) override;
  void cancel(const TaskContext& context, std::int64_t task_id) override;

  // GetActivityTask: `done` is called exactly once, from any thread: at once with a queued task
  // or an error, else with the next task scheduled within the poll, else with an empty task.
  void get_task(std::string_view activity_arn, std::string worker_name,
                std::function<void(Result<ActivityTask>)> done);

  std::size_t queued(std::string_view activity_arn) const;
  std::size_t pollers(std::string_view activity_arn) const;

 private:
  struct Queued {
    ActivityTask task;
    std::string execution_arn;
    std::int64_t task_id = 0;
    std::function<void(std::string worker_name)> started;
  };
  struct Poller {
    std::uint64_t id = 0;
    std::string worker_name;
    std::function<void(Result<ActivityTask>)> done;
    TaskQueue::TimerId timer = 0;
  };
  struct Slot {  // one activity ARN
    std::deque<Queued> tasks;
    std::deque<Poller> pollers;
  };

  // Outside the lock: gives the task to the worker and reports the start.
  void hand_over(Queued queued, Poller poller);
  void on_poll_expired(const std::string& activity_arn, std::uint64_t poller_id);

  const ActivityService& activities_;
  TaskTokenRegistry& tokens_;
  const Clock& clock_;
  TaskQueue& queue_;
  const std::int64_t poll_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Slot> slots_;
  std::uint64_t next_poller_ = 1;
};

}  // namespace jobflow::engine::sfn
