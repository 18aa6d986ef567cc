#include "asl/eval/state_tester.h"

#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "asl/compile/compiler.h"
#include "asl/validate/validator.h"

namespace jobflow::asl {
namespace {

using boost::json::object;

constexpr std::string_view kDefaultName = "TestState";

Diagnostic unsupported(std::string message) { return Diagnostic{"UNSUPPORTED", std::move(message), "null"}; }

void collect_targets(const object& state, std::set<std::string>& out) {
  auto add = [&](const boost::json::value* v) {
    if (v != nullptr && v->is_string()) out.insert(std::string(v->get_string()));
  };
  add(state.if_contains("Next"));
  add(state.if_contains("Default"));
  for (const char* list : {"Choices", "Catch"}) {
    if (const auto* items = state.if_contains(list); items != nullptr && items->is_array()) {
      for (const auto& item : items->get_array()) {
        if (item.is_object()) add(item.get_object().if_contains("Next"));
      }
    }
  }
}

// Follows the tested state's events: where it exits, what it outputs, where it goes next.
class Watcher final : public HistorySink {
 public:
  explicit Watcher(std::string name) : name_(std::move(name)) {}
  void record(HistoryEvent e) override {
    if (!exited_ && e.type.ends_with("StateExited") && e.details.contains("name") &&
        e.details.at("name").as_string() == name_) {
      exited_ = true;
      if (const auto* out = e.details.if_contains("output"); out && out->is_string()) output_ = parse_json(out->get_string());
      if (const auto* vars = e.details.if_contains("assignedVariables"); vars && vars->is_object()) {
        assigned_ = vars->as_object();
      }
      return;
    }
    if (exited_ && next_.empty() && e.type.ends_with("StateEntered") && e.details.contains("name")) {
      next_ = std::string(e.details.at("name").as_string());
    }
    if (e.type == "TaskFailed" || e.type == "ActivityFailed" || e.type == "TaskTimedOut") task_failed_ = true;
  }
  bool exited() const { return exited_; }
  const JsonPtr& output() const { return output_; }
  const std::string& next() const { return next_; }
  const object& assigned() const { return assigned_; }
  bool task_failed() const { return task_failed_; }

 private:
  std::string name_;
  bool exited_ = false;
  bool task_failed_ = false;
  JsonPtr output_;
  std::string next_;
  object assigned_;
};

}  // namespace

std::string_view test_state_status_name(TestStateResult::Status status) {
  switch (status) {
    case TestStateResult::Status::kSucceeded: return "SUCCEEDED";
    case TestStateResult::Status::kFailed: return "FAILED";
    case TestStateResult::Status::kRetriable: return "RETRIABLE";
    case TestStateResult::Status::kCaughtError: return "CAUGHT_ERROR";
  }
  return "FAILED";
}

std::expected<TestStateResult, std::vector<Diagnostic>> test_state(const TestStateRequest& request) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(request.definition, ec);
  if (ec || !parsed.is_object()) {
    return std::unexpected(std::vector<Diagnostic>{{"INVALID_JSON_DESCRIPTION", "The definition must be a JSON object", "null"}});
  }
  object state;
  std::string name = request.state_name.value_or(std::string(kDefaultName));
  const object& given = parsed.as_object();
  if (const auto* states = given.if_contains("States"); states != nullptr && states->is_object()) {
    // A whole state machine: test the named state (or the StartAt state).
    if (!request.state_name) {
      if (const auto* start = given.if_contains("StartAt"); start && start->is_string()) name = std::string(start->get_string());
    }
    const auto* picked = states->as_object().if_contains(name);
    if (picked == nullptr || !picked->is_object()) {
      return std::unexpected(std::vector<Diagnostic>{
          {"SCHEMA_VALIDATION_FAILED", fmt::format("The state '{}' is not in the definition", name), "/States"}});
    }
    state = picked->as_object();
  } else {
    state = given;
  }

  // A one-state machine: the tested state plus a Succeed placeholder for every state it can go to.
  std::set<std::string> targets;
  collect_targets(state, targets);
  object states;
  states[name] = state;
  for (const auto& t : targets) {
    if (t != name) states[t] = object{{"Type", "Succeed"}};
  }
  object machine{{"StartAt", name}, {"States", std::move(states)}};
  std::string text = boost::json::serialize(machine);
  auto diagnostics = Validator::validate(text, request.express ? StateMachineType::kExpress : StateMachineType::kStandard);
  // Placeholders make every target reachable; anything left is the state's own problem.
  if (!diagnostics.empty()) return std::unexpected(std::move(diagnostics));
  auto program = Compiler::compile(machine);
  if (!program) return std::unexpected(std::vector<Diagnostic>{program.error()});

  std::string type = state.contains("Type") && state.at("Type").is_string() ? std::string(state.at("Type").as_string()) : "";
  Watcher watcher(name);
  ExecutionInfo info = request.info;
  info.max_history_events = 1000;  // a state that loops back to itself must not run on forever
  Execution execution(*program, info, &watcher, request.random);
  TestStateResult result;
  execution.inspect(&result.inspection);
  for (const auto& [var, value] : request.variables) execution.preset_variable(var, value);
  std::int64_t now = request.info.start_ms;
  execution.start(request.input ? request.input : make_json(object()), now);

  bool retriable = false;
  for (int rounds = 0; execution.status() == ExecutionStatus::kRunning && !watcher.exited() && rounds < 1000; ++rounds) {
    Commands commands = execution.take_commands();
    if (!commands.start_tasks.empty()) {
      if (!request.mock_result && !request.mock_error) {
        return std::unexpected(std::vector<Diagnostic>{unsupported(fmt::format(
            "jobflow's TestState runs a Task state only with a mock (the state calls '{}')",
            commands.start_tasks.front().resource))});
      }
      if (type != "Task" || commands.start_tasks.size() != 1) {
        return std::unexpected(std::vector<Diagnostic>{
            unsupported("jobflow's TestState mocks only a Task state itself, not tasks inside Map or Parallel")});
      }
      const auto& task = commands.start_tasks.front();
      execution.task_started(task.id, now);
      if (request.mock_error) {
        execution.task_failed(task.id, *request.mock_error, now);
        Commands after = execution.take_commands();
        if (!after.start_timers.empty()) {  // a retrier would try again
          retriable = true;
          break;
        }
      } else {
        execution.task_succeeded(task.id, request.mock_result, now);
      }
      continue;
    }
    if (!commands.start_timers.empty()) {  // Wait: TestState does not wait
      for (const auto& t : commands.start_timers) execution.timer_fired(t.id, t.due_ms);
      continue;
    }
    break;  // nothing left to do
  }

  for (const auto& [var, value] : request.variables) result.variables[var] = to_text(*value);
  for (const auto& m : watcher.assigned()) result.variables[m.key()] = m.value();
  if (retriable) {
    result.status = TestStateResult::Status::kRetriable;
    result.failure = request.mock_error;
    return result;
  }
  if (!watcher.exited()) {
    result.status = TestStateResult::Status::kFailed;
    if (execution.failure()) result.failure = execution.failure();
    return result;
  }
  result.output = watcher.output();
  result.next_state = watcher.next();
  if (watcher.task_failed() || (request.mock_error && type == "Task")) {
    result.status = TestStateResult::Status::kCaughtError;
    result.failure = request.mock_error;
  } else {
    result.status = TestStateResult::Status::kSucceeded;
  }
  return result;
}

}  // namespace jobflow::asl
