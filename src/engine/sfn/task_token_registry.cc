#include "engine/sfn/task_token_registry.h"

#include <fmt/format.h>

#include "asl/value/json.h"

namespace jobflow::engine::sfn {

bool is_well_formed_task_token(std::string_view token) {
  if (token.size() != 4 + 48 || !token.starts_with("AQCE")) return false;
  for (char c : token.substr(4)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

TaskTokenRegistry::TaskTokenRegistry(const Clock& clock, TaskQueue& queue) : clock_(clock), queue_(queue) {}

TaskTokenRegistry::~TaskTokenRegistry() {
  std::lock_guard lock(mutex_);
  for (auto& [token, waiter] : waiters_) {
    if (waiter.timer) queue_.cancel(*waiter.timer);
  }
}

void TaskTokenRegistry::add(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) {
  std::lock_guard lock(mutex_);
  if (auto old = waiters_.find(task.token); old != waiters_.end()) {
    if (old->second.timer) queue_.cancel(*old->second.timer);
    by_task_.erase({old->second.execution_arn, old->second.task_id});
    waiters_.erase(old);
  }
  closed_.erase(task.token);
  Waiter waiter;
  waiter.execution_arn = context.execution_arn;
  waiter.task_id = task.id;
  if (task.heartbeat_seconds) waiter.heartbeat_ms = *task.heartbeat_seconds * 1000;
  waiter.callbacks = std::move(callbacks);
  auto [it, inserted] = waiters_.emplace(task.token, std::move(waiter));
  by_task_[{context.execution_arn, task.id}] = task.token;
  arm_heartbeat(it->first, it->second);
}

// Under mutex_.
void TaskTokenRegistry::arm_heartbeat(const std::string& token, Waiter& waiter) {
  if (waiter.timer) queue_.cancel(*waiter.timer);
  waiter.timer.reset();
  if (!waiter.heartbeat_ms) return;
  waiter.generation = next_generation_++;
  waiter.timer = queue_.post_at(clock_.now_ms() + *waiter.heartbeat_ms,
                                [this, token, generation = waiter.generation] { on_heartbeat_expired(token, generation); });
}

void TaskTokenRegistry::on_heartbeat_expired(const std::string& token, std::uint64_t generation) {
  TaskCallbacks callbacks;
  {
    std::lock_guard lock(mutex_);
    auto it = waiters_.find(token);
    // A heartbeat re-armed the timer meanwhile (cancel() lost the race with the queue).
    if (it == waiters_.end() || it->second.generation != generation) return;
    it->second.timer.reset();
    callbacks = std::move(it->second.callbacks);
    by_task_.erase({it->second.execution_arn, it->second.task_id});
    waiters_.erase(it);
    remember_closed(token);
  }
  // AWS reports heartbeat expiry as States.Timeout (not States.HeartbeatTimeout), without a cause.
  callbacks.failed(asl::Failure{"States.Timeout", ""});
}

// Under mutex_.
void TaskTokenRegistry::remember_closed(const std::string& token) {
  if (!closed_.insert(token).second) return;
  closed_order_.push_back(token);
  while (closed_order_.size() > kMaxClosedRemembered) {
    closed_.erase(closed_order_.front());
    closed_order_.pop_front();
  }
}

Error TaskTokenRegistry::unknown(std::string_view token) const {
  if (!is_well_formed_task_token(token)) return Error::invalid_input("token", "Invalid Token: 'Invalid token'");
  if (closed_.contains(std::string(token))) {
    return Error::invalid_state("task_timed_out", "Task Timed Out: 'Provided task does not exist anymore'");
  }
  return Error::not_found("task", "Task Does Not Exist: 'Provided task does not exist'");
}

Result<TaskTokenRegistry::Waiter> TaskTokenRegistry::take(std::string_view token) {
  std::lock_guard lock(mutex_);
  auto it = waiters_.find(std::string(token));
  if (it == waiters_.end()) return jobflow::fail(unknown(token));
  Waiter waiter = std::move(it->second);
  if (waiter.timer) queue_.cancel(*waiter.timer);
  by_task_.erase({waiter.execution_arn, waiter.task_id});
  waiters_.erase(it);
  remember_closed(std::string(token));
  return waiter;
}

Status TaskTokenRegistry::succeed(std::string_view token, std::string_view output) {
  // The token is checked first: AWS answers InvalidToken / TaskTimedOut before looking at output.
  {
    std::lock_guard lock(mutex_);
    if (!waiters_.contains(std::string(token))) return jobflow::fail(unknown(token));
  }
  auto parsed = asl::parse_json(output);
  if (!parsed) return jobflow::fail(Error::invalid_input("output", "Invalid Output: 'The output is not valid JSON'"));
  auto waiter = take(token);
  if (!waiter) return jobflow::fail(waiter.error());
  waiter->callbacks.succeeded(parsed);
  return {};
}

Status TaskTokenRegistry::fail(std::string_view token, std::optional<std::string> error,
                               std::optional<std::string> cause) {
  auto waiter = take(token);
  if (!waiter) return jobflow::fail(waiter.error());
  // asl::Failure has no "absent": both absent give empty strings (TaskFailed then carries neither
  // error nor cause, as in AWS); see README for the {"Error": null, "Cause": null} catcher output.
  asl::Failure failure{error.value_or(""), cause.value_or("")};
  failure.null_error = !error.has_value();
  failure.null_cause = !cause.has_value();
  waiter->callbacks.failed(std::move(failure));
  return {};
}

Status TaskTokenRegistry::heartbeat(std::string_view token) {
  std::lock_guard lock(mutex_);
  auto it = waiters_.find(std::string(token));
  if (it == waiters_.end()) return jobflow::fail(unknown(token));
  arm_heartbeat(it->first, it->second);
  return {};
}

void TaskTokenRegistry::cancel(std::string_view execution_arn, std::int64_t task_id) {
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(std::string(execution_arn), task_id);
  auto found = by_task_.find(key);
  if (found == by_task_.end()) return;
  std::string token = found->second;
  by_task_.erase(found);
  if (auto it = waiters_.find(token); it != waiters_.end()) {
    if (it->second.timer) queue_.cancel(*it->second.timer);
    waiters_.erase(it);
  }
  remember_closed(token);
}

bool TaskTokenRegistry::waiting(std::string_view token) const {
  std::lock_guard lock(mutex_);
  return waiters_.contains(std::string(token));
}

std::size_t TaskTokenRegistry::size() const {
  std::lock_guard lock(mutex_);
  return waiters_.size();
}

}  // namespace jobflow::engine::sfn
