#include "engine/sfn/activity_integration.h"

#include <fmt/format.h>

#include "asl/value/json.h"

namespace jobflow::engine::sfn {

ActivityIntegration::ActivityIntegration(const ActivityService& activities, TaskTokenRegistry& tokens,
                                         const Clock& clock, TaskQueue& queue, std::int64_t poll_ms)
    : activities_(activities), tokens_(tokens), clock_(clock), queue_(queue), poll_ms_(poll_ms) {}

ActivityIntegration::~ActivityIntegration() {
  std::lock_guard lock(mutex_);
  for (auto& [arn, slot] : slots_) {
    for (auto& poller : slot.pollers) queue_.cancel(poller.timer);
  }
}

bool ActivityIntegration::handles(std::string_view resource) const {
  return resource.starts_with("arn:") && resource.find(":states:") != std::string_view::npos &&
         resource.find(":activity:") != std::string_view::npos;
}

void ActivityIntegration::start(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) {
  // A task scheduled on an activity that does not exist (any more) fails at once. [infer] AWS
  // records ActivityScheduleFailed; the decider records ActivityFailed with the same error.
  if (auto activity = activities_.describe(task.resource); !activity) {
    return callbacks.failed(asl::Failure{"States.Runtime", activity.error().message});
  }
  if (task.token.empty()) {
    return callbacks.failed(asl::Failure{"States.Runtime", "The activity task has no task token."});
  }
  Queued queued;
  queued.task.token = task.token;
  queued.task.input = task.parameters ? asl::to_text(*task.parameters) : std::string("{}");
  queued.execution_arn = context.execution_arn;
  queued.task_id = task.id;
  queued.started = callbacks.started;
  tokens_.add(context, task, std::move(callbacks));

  Poller poller;
  {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[task.resource];
    if (slot.pollers.empty()) {
      slot.tasks.push_back(std::move(queued));
      return;
    }
    poller = std::move(slot.pollers.front());
    slot.pollers.pop_front();
    queue_.cancel(poller.timer);
  }
  hand_over(std::move(queued), std::move(poller));
}

void ActivityIntegration::cancel(const TaskContext& context, std::int64_t task_id) {
  {
    std::lock_guard lock(mutex_);
    for (auto& [arn, slot] : slots_) {
      std::erase_if(slot.tasks, [&](const Queued& q) {
        return q.task_id == task_id && q.execution_arn == context.execution_arn;
      });
    }
  }
  tokens_.cancel(context.execution_arn, task_id);
}

void ActivityIntegration::get_task(std::string_view activity_arn, std::string worker_name,
                                   std::function<void(Result<ActivityTask>)> done) {
  auto activity = activities_.describe(activity_arn);
  if (!activity) return done(fail(activity.error()));
  const std::string arn(activity_arn);
  Queued queued;
  Poller poller;
  {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[arn];
    // Tasks closed meanwhile (answered, timed out, cancelled) are dropped on the way.
    while (!slot.tasks.empty() && !tokens_.waiting(slot.tasks.front().task.token)) slot.tasks.pop_front();
    if (slot.tasks.empty()) {
      if (slot.pollers.size() >= kMaxPollers) {
        return done(fail(Error::limit_exceeded(
            "activity_worker", fmt::format("Activity Worker Limit Exceeded: '{}'", arn))));
      }
      Poller waiting;
      waiting.id = next_poller_++;
      waiting.worker_name = std::move(worker_name);
      waiting.done = std::move(done);
      waiting.timer = queue_.post_at(clock_.now_ms() + poll_ms_,
                                     [this, arn, id = waiting.id] { on_poll_expired(arn, id); });
      slot.pollers.push_back(std::move(waiting));
      return;
    }
    queued = std::move(slot.tasks.front());
    slot.tasks.pop_front();
  }
  poller.worker_name = std::move(worker_name);
  poller.done = std::move(done);
  hand_over(std::move(queued), std::move(poller));
}

void ActivityIntegration::hand_over(Queued queued, Poller poller) {
  // The heartbeat window restarts when a worker takes the task.
  (void)tokens_.heartbeat(queued.task.token);
  if (queued.started) queued.started(poller.worker_name);
  poller.done(std::move(queued.task));
}

void ActivityIntegration::on_poll_expired(const std::string& activity_arn, std::uint64_t poller_id) {
  std::function<void(Result<ActivityTask>)> done;
  {
    std::lock_guard lock(mutex_);
    auto slot = slots_.find(activity_arn);
    if (slot == slots_.end()) return;
    auto& pollers = slot->second.pollers;
    auto it = std::find_if(pollers.begin(), pollers.end(), [&](const Poller& p) { return p.id == poller_id; });
    if (it == pollers.end()) return;  // it got a task meanwhile
    done = std::move(it->done);
    pollers.erase(it);
  }
  done(ActivityTask{});
}

std::size_t ActivityIntegration::queued(std::string_view activity_arn) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(std::string(activity_arn));
  return it == slots_.end() ? 0 : it->second.tasks.size();
}

std::size_t ActivityIntegration::pollers(std::string_view activity_arn) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(std::string(activity_arn));
  return it == slots_.end() ? 0 : it->second.pollers.size();
}

}  // namespace jobflow::engine::sfn
