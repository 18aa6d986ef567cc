#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asl/eval/execution.h"
#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// TestState: one state run on its own, with the data at each step of its input/output
// processing. Transitions are not followed: the state's Next (or the Choice branch, or the
// catcher's Next) is reported as the next state. A Task runs only with a mock (jobflow's
// TestState does not call services); Wait states do not wait.
struct TestStateRequest {
  std::string definition;                // a state (JSON text), or a whole state machine with state_name
  std::optional<std::string> state_name;
  JsonPtr input;
  std::vector<std::pair<std::string, JsonPtr>> variables;
  JsonPtr mock_result;                   // a Task's result instead of calling its resource
  std::optional<Failure> mock_error;     // or the error it raises
  bool express = false;
  ExecutionInfo info;                    // for the context object
  Random* random = nullptr;
};

struct TestStateResult {
  enum class Status { kSucceeded, kFailed, kRetriable, kCaughtError } status = Status::kSucceeded;
  JsonPtr output;                        // SUCCEEDED and CAUGHT_ERROR
  std::optional<Failure> failure;        // FAILED, RETRIABLE, CAUGHT_ERROR
  std::string next_state;                // empty when the state ends the machine or failed
  Inspection inspection;
  boost::json::object variables;         // after the state: name -> JSON text
};

// Runs one TestState. A Task state without a mock stops at its task: pending_task() says what to
// run (the caller runs it through the real integration, asynchronously) and task_succeeded() /
// task_failed() carry on to the result.
class StateTester {
 public:
  // Diagnostics: the definition is invalid (as ValidateStateMachineDefinition reports it), or it
  // cannot be tested (code "UNSUPPORTED": tasks inside a Map or Parallel state).
  static std::expected<std::unique_ptr<StateTester>, std::vector<Diagnostic>> create(const TestStateRequest& request);
  ~StateTester();

  const std::optional<TaskRequest>& pending_task() const { return pending_; }
  void task_succeeded(JsonPtr output);
  void task_failed(Failure failure);
  TestStateResult result() const;

 private:
  struct Parts;
  explicit StateTester(std::unique_ptr<Parts> parts);
  std::optional<Diagnostic> run();
  std::unique_ptr<Parts> parts_;
  std::optional<TaskRequest> pending_;
};

// StateTester without real tasks: a Task state needs a mock (else an "UNSUPPORTED" diagnostic).
std::expected<TestStateResult, std::vector<Diagnostic>> test_state(const TestStateRequest& request);

std::string_view test_state_status_name(TestStateResult::Status status);

}  // namespace jobflow::asl
