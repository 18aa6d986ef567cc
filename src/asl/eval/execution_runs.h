#pragma once

// Private to asl/eval: the threads of control inside an Execution. Shared by execution.cc and
// execution_snapshot.cc only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/eval/execution.h"
#include "asl/eval/variable_scope.h"

namespace jobflow::asl {

// Payloads (a state's result, an execution's input) are limited to 256 KiB.
inline constexpr std::size_t kMaxPayloadBytes = 262'144;

// A value as AWS quotes it in its causes ("$.x == 1.5", "… long value: abc"): strings bare,
// everything else as JSON.
inline std::string shown_in_cause(const Json& value) {
  if (value.is_string()) return std::string(value.get_string());
  return to_text(value);
}

// A Parallel's branches or a Map's iterations, owned by the run at that state.
struct Execution::Fanout {
  bool is_map = false;
  std::vector<std::unique_ptr<Run>> children;
  std::vector<JsonPtr> results;
  JsonPtr items;           // Map: the array iterated over
  JsonPtr selector_input;  // Map: `$` of ItemSelector (the effective input)
  std::size_t next = 0;
  std::size_t running = 0;
  std::size_t finished = 0;
  std::size_t failed = 0;
  std::int64_t max_concurrency = 0;
  std::optional<std::int64_t> tolerated_count;
  std::optional<double> tolerated_percentage;
  bool over = false;  // failed or aborted: late child results are ignored
};

struct Execution::Run {
  const StateGraph* graph = nullptr;
  int state = 0;
  JsonPtr input;      // the raw input of the current state
  JsonPtr effective;  // after InputPath (Wait, Task, Parallel, Map)
  std::int64_t entered_event_id = 0;
  std::int64_t entered_ms = 0;
  std::int64_t last_event_id = 0;
  std::vector<std::int64_t> attempts;  // per retrier of the current state
  enum class Phase { kReady, kWaiting, kDone } phase = Phase::kReady;
  enum class Waiting { kNone, kTask, kWaitTimer, kRetryTimer, kChildren } waiting = Waiting::kNone;
  bool needs_enter = true;
  std::int64_t work_id = 0;
  std::int64_t due_ms = 0;            // kWaitTimer / kRetryTimer
  std::optional<TaskRequest> task;    // kTask: what was asked, for a restart
  std::string task_token;             // a callback task's token ($$.Task.Token)
  Run* parent = nullptr;
  std::size_t index = 0;
  std::unique_ptr<Fanout> fanout;
  JsonPtr output;
  std::optional<Failure> failure;
  bool cancelled = false;
  bool quiet = false;          // inside a distributed Map: a child execution's history, not ours
  bool fanout_failed = false;  // the current failure came from a branch or an iteration
  std::shared_ptr<VariableScope> variables;  // this run's scope (reads the outer ones)

  const State& current() const { return graph->states[static_cast<std::size_t>(state)]; }
};


}  // namespace jobflow::asl
