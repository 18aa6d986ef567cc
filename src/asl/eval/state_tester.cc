#include "asl/eval/state_tester.h"

#include "base/json_parse.h"

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
  }
  bool exited() const { return exited_; }
  const JsonPtr& output() const { return output_; }
  const std::string& next() const { return next_; }
  const object& assigned() const { return assigned_; }

 private:
  std::string name_;
  bool exited_ = false;
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

struct StateTester::Parts {
  TestStateRequest request;
  std::shared_ptr<const Program> program;
  std::string type;
  std::unique_ptr<Watcher> watcher;
  std::unique_ptr<Execution> execution;
  TestStateResult result;
  bool retriable = false;
  std::optional<Failure> task_error;  // the (mocked or real) task's failure
  std::int64_t now = 0;
};

StateTester::StateTester(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
StateTester::~StateTester() = default;

std::expected<std::unique_ptr<StateTester>, std::vector<Diagnostic>> StateTester::create(const TestStateRequest& request) {
  boost::system::error_code ec;
  auto parsed = parse_json_exact(request.definition, ec);
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
  // A state picked from a JSONata machine keeps the machine's language.
  if (const auto* language = given.if_contains("QueryLanguage"); language != nullptr && given.contains("States")) {
    machine["QueryLanguage"] = *language;
  }
  std::string text = boost::json::serialize(machine);
  auto diagnostics = Validator::validate(text, request.express ? StateMachineType::kExpress : StateMachineType::kStandard);
  // Placeholders make every target reachable; anything left is the state's own problem.
  if (!diagnostics.empty()) return std::unexpected(std::move(diagnostics));
  auto program = Compiler::compile(machine);
  if (!program) return std::unexpected(std::vector<Diagnostic>{program.error()});

  auto parts = std::make_unique<Parts>();
  parts->request = request;
  parts->program = *program;
  parts->type = state.contains("Type") && state.at("Type").is_string() ? std::string(state.at("Type").as_string()) : "";
  parts->watcher = std::make_unique<Watcher>(name);
  ExecutionInfo info = request.info;
  info.max_history_events = 1000;  // a state that loops back to itself must not run on forever
  parts->execution = std::make_unique<Execution>(parts->program, info, parts->watcher.get(), request.random);
  parts->execution->inspect(&parts->result.inspection);
  for (const auto& [var, value] : request.variables) parts->execution->preset_variable(var, value);
  parts->now = request.info.start_ms;
  parts->execution->start(request.input ? request.input : make_json(object()), parts->now);
  std::unique_ptr<StateTester> tester(new StateTester(std::move(parts)));
  if (auto refused = tester->run()) return std::unexpected(std::vector<Diagnostic>{*refused});
  return tester;
}

// Moves the execution on until the tested state is done, or its task must be run for real.
std::optional<Diagnostic> StateTester::run() {
  Parts& p = *parts_;
  Execution& execution = *p.execution;
  for (int rounds = 0; execution.status() == ExecutionStatus::kRunning && !p.watcher->exited() && rounds < 1000;
       ++rounds) {
    Commands commands = execution.take_commands();
    if (!commands.start_tasks.empty()) {
      if (p.type != "Task" || commands.start_tasks.size() != 1) {
        return unsupported("jobflow's TestState runs only a Task state's own task, not tasks inside Map or Parallel");
      }
      const auto& task = commands.start_tasks.front();
      execution.task_started(task.id, p.now);
      if (!p.request.mock_result && !p.request.mock_error) {
        pending_ = task;  // the caller runs it and comes back
        return std::nullopt;
      }
      if (p.request.mock_error) {
        p.task_error = p.request.mock_error;
        execution.task_failed(task.id, *p.request.mock_error, p.now);
        if (!execution.take_commands().start_timers.empty()) {  // a retrier would try again
          p.retriable = true;
          return std::nullopt;
        }
      } else {
        execution.task_succeeded(task.id, p.request.mock_result, p.now);
      }
      continue;
    }
    if (!commands.start_timers.empty()) {  // Wait: TestState does not wait
      for (const auto& t : commands.start_timers) execution.timer_fired(t.id, t.due_ms);
      continue;
    }
    break;  // nothing left to do
  }
  return std::nullopt;
}

void StateTester::task_succeeded(JsonPtr output) {
  if (!pending_) return;
  std::int64_t id = pending_->id;
  pending_.reset();
  parts_->execution->task_succeeded(id, std::move(output), parts_->now);
  (void)run();
}

void StateTester::task_failed(Failure failure) {
  if (!pending_) return;
  std::int64_t id = pending_->id;
  pending_.reset();
  parts_->task_error = failure;
  parts_->execution->task_failed(id, std::move(failure), parts_->now);
  if (!parts_->execution->take_commands().start_timers.empty()) {
    parts_->retriable = true;
    return;
  }
  (void)run();
}

TestStateResult StateTester::result() const {
  const Parts& p = *parts_;
  TestStateResult result = p.result;
  for (const auto& [var, value] : p.request.variables) result.variables[var] = to_text(*value);
  for (const auto& m : p.watcher->assigned()) result.variables[m.key()] = m.value();
  if (p.retriable) {
    result.status = TestStateResult::Status::kRetriable;
    result.failure = p.task_error;
    return result;
  }
  if (!p.watcher->exited()) {
    result.status = TestStateResult::Status::kFailed;
    if (p.execution->failure()) result.failure = p.execution->failure();
    return result;
  }
  result.output = p.watcher->output();
  result.next_state = p.watcher->next();
  if (p.task_error) {
    result.status = TestStateResult::Status::kCaughtError;
    result.failure = p.task_error;
  } else {
    result.status = TestStateResult::Status::kSucceeded;
  }
  return result;
}

std::expected<TestStateResult, std::vector<Diagnostic>> test_state(const TestStateRequest& request) {
  auto tester = StateTester::create(request);
  if (!tester) return std::unexpected(tester.error());
  if (const auto& task = (*tester)->pending_task()) {
    return std::unexpected(std::vector<Diagnostic>{unsupported(fmt::format(
        "this TestState needs the task's result: the state calls '{}' and no mock was given", task->resource))});
  }
  return (*tester)->result();
}

}  // namespace jobflow::asl
