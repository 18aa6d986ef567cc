#include "asl/eval/instant_runner.h"

#include <map>

#include <fmt/format.h>

namespace jobflow::asl {

std::int64_t InstantRunner::run(Execution& execution, const Program& program, JsonPtr input, Options options) {
  std::int64_t now = options.start_ms;
  std::multimap<std::int64_t, std::int64_t> timers;  // due -> id
  std::vector<TaskRequest> tasks;
  std::optional<std::int64_t> deadline;
  if (program.timeout_seconds) deadline = options.start_ms + *program.timeout_seconds * 1000;
  std::optional<std::int64_t> abort_at;
  if (options.abort_after_ms) abort_at = options.start_ms + *options.abort_after_ms;

  auto collect = [&] {
    Commands commands = execution.take_commands();
    for (auto id : commands.cancel_timers) {
      for (auto it = timers.begin(); it != timers.end(); ++it) {
        if (it->second == id) {
          timers.erase(it);
          break;
        }
      }
    }
    for (const auto& t : commands.start_timers) timers.emplace(t.due_ms, t.id);
    for (auto& t : commands.start_tasks) tasks.push_back(std::move(t));
  };

  execution.start(std::move(input), now);
  collect();
  while (execution.status() == ExecutionStatus::kRunning) {
    if (!tasks.empty()) {
      TaskRequest task = std::move(tasks.front());
      tasks.erase(tasks.begin());
      execution.task_started(task.id, now);
      TaskResult result;
      if (on_task_) {
        result = on_task_(task);
      } else {
        result.failure = Failure{"States.TaskFailed",
                                 fmt::format("jobflow runs no task here (resource '{}')", task.resource)};
      }
      if (result.output) {
        execution.task_succeeded(task.id, result.output, now);
      } else {
        execution.task_failed(task.id, result.failure.value_or(Failure{"States.TaskFailed", ""}), now);
      }
      collect();
      continue;
    }
    std::optional<std::int64_t> next_due;
    if (!timers.empty()) next_due = timers.begin()->first;
    // Whichever comes first: the next timer, the machine's timeout, the requested stop.
    std::int64_t limit = options.start_ms + options.give_up_after_ms;
    std::int64_t at = next_due.value_or(limit);
    auto advance = [&](std::int64_t to) {
      now = options.wait_until ? options.wait_until(to) : std::max(now, to);
    };
    if (deadline && *deadline <= at) {
      advance(*deadline);
      execution.time_out(now);
      break;
    }
    if (abort_at && *abort_at <= at) {
      advance(*abort_at);
      execution.abort(std::nullopt, std::nullopt, now);
      break;
    }
    if (!next_due || *next_due > limit) break;
    advance(*next_due);
    std::int64_t id = timers.begin()->second;
    timers.erase(timers.begin());
    execution.timer_fired(id, now);
    collect();
  }
  return now;
}

}  // namespace jobflow::asl
